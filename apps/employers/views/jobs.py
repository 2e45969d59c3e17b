"""Placeholder views: replaced by the real ones in this change."""

from django.http import Http404


def _missing(*args, **kwargs):
    raise Http404


search = _missing
job_page = _missing
apply = _missing
withdraw = _missing
job_list = _missing
job_create = _missing
job_detail = _missing
job_edit = _missing
job_submit = _missing
job_close = _missing
review_queue = _missing
review = _missing
review_approve = _missing
review_send_back = _missing
