"""Placeholder views: replaced by the real ones in this change."""

from django.http import Http404


def _missing(*args, **kwargs):
    raise Http404


profile = _missing
step = _missing
skill_search = _missing
skill_add = _missing
skill_remove = _missing
resume = _missing
resume_download = _missing
resume_delete = _missing
demographics = _missing
my_trainings = _missing
withdraw = _missing
my_applications = _missing
