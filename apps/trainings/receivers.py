"""What trainings does when a lower app's domain event arrives (connected in apps.py)."""

from apps.accounts.models import Organization
from apps.skills.models import Occupation, Skill

from . import services
from .models import Program


def provider_approved(sender, *, organization_id: int, kind: str, **kwargs) -> None:
    """accounts' `organization_approved`: a provider's published classes become visible."""
    if kind == Organization.Kind.PROVIDER:
        services.announce_provider_cohorts(provider_id=organization_id)


def reindex_programs_of_skill(sender, instance: Skill, created: bool = False, **kwargs):
    """A skill's labels or aliases changed: the programs teaching it get their words again."""
    if not created:
        services.refresh_search_of(Program.objects.filter(skills=instance))


def reindex_programs_of_occupation(sender, instance: Occupation, created=False, **kwargs):
    if not created:
        services.refresh_search_of(Program.objects.filter(occupations=instance))
