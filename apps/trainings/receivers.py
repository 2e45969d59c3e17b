"""What trainings does when a lower app's domain event arrives (connected in apps.py)."""

from apps.accounts.models import Organization
from apps.core.cached import schedule_once
from apps.skills.models import Occupation, Skill

from . import services
from .models import Program
from .tasks import FACETS_FLAG, refresh_catalog_facets

FACETS_DELAY = 5  # seconds: a burst of publications is read once


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


def reread_facets(sender, **kwargs) -> None:
    """cohort_published: the catalog's filter choices are read again in a task."""
    schedule_once(FACETS_FLAG, refresh_catalog_facets, countdown=FACETS_DELAY)
