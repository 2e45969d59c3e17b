"""Placeholder views: replaced by the real ones in this change."""

from django.http import Http404


def _missing(*args, **kwargs):
    raise Http404


pipeline = _missing
export_csv = _missing
bulk = _missing
applicant = _missing
move = _missing
note = _missing
resume = _missing
talent = _missing
talent_profile = _missing
