"""Placeholder views: replaced by the real ones in this change."""

from django.http import Http404


def _missing(*args, **kwargs):
    raise Http404


program_list = _missing
program_create = _missing
program_detail = _missing
program_edit = _missing
program_status = _missing
cohort_create = _missing
cohort_edit = _missing
roster = _missing
enrollment_status = _missing
