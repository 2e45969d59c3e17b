"""Who sees which matches.

- A job seeker with skills on their profile is offered the job search's "Best match for you"
  order.
- A seeker sees only their own matches, invitations and job alerts (others' answer 404).
- An employer sees matching talent only for its own jobs (another's job answers 404) and
  only discoverable profiles: headline, skills and band, never a resume or contact.
"""

from django.shortcuts import get_object_or_404

from apps.accounts.models import Role
from apps.seekers.models import SeekerProfile, SeekerSkill

from .models import JobAlert, JobInvitation


def discoverable_profile_or_404(pk: int) -> SeekerProfile:
    return get_object_or_404(
        SeekerProfile.objects.select_related("user"),
        pk=pk,
        discoverable=True,
        user__is_active=True,
    )


def own_invitation_or_404(user, pk: int) -> JobInvitation:
    return get_object_or_404(JobInvitation, pk=pk, seeker=user)


def own_alert_or_404(user, pk: int) -> JobAlert:
    return get_object_or_404(JobAlert, pk=pk, user=user)


def can_sort_by_fit(user) -> bool:
    """A signed-in job seeker whose profile has a skill: a fit means something for them."""
    return (
        user.is_authenticated
        and user.role == Role.SEEKER
        and SeekerSkill.objects.filter(profile__user=user).exists()
    )
