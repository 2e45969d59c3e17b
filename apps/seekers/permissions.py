"""Who may open the job seeker's pages: the seeker, and only their own rows.

- Anonymous visitors go to the login page; other roles get 403 (`role_required`).
- Another seeker's rows answer 404: every lookup is scoped to the signed-in user.
"""

from django.shortcuts import get_object_or_404

from apps.accounts.models import Role
from apps.accounts.permissions import role_required

from .models import Resume, SeekerProfile, SeekerSkill

seeker_required = role_required(Role.SEEKER)


def own_skill_or_404(profile: SeekerProfile, skill_id: int) -> SeekerSkill:
    return get_object_or_404(
        SeekerSkill.objects.select_related("skill"), profile=profile, skill_id=skill_id
    )


def own_resume_or_404(user) -> Resume:
    """The resume download is the owner's alone here (employers get theirs with applications)."""
    return get_object_or_404(Resume, profile__user=user)
