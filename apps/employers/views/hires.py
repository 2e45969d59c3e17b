"""Placeholder views: replaced by the real ones in this change."""

from django.http import Http404


def _missing(*args, **kwargs):
    raise Http404


pledges = _missing
pledge_create = _missing
pledge_edit = _missing
hire_list = _missing
hire_create = _missing
hire_queue = _missing
hire_verify = _missing
hire_reject = _missing
