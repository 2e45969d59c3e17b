"""What employers do when a lower app's domain event arrives (connected in apps.py)."""

from django.db.models import Q

from apps.accounts.models import Organization
from apps.core.cached import schedule_once
from apps.core.events import send_on_commit
from apps.skills.models import Occupation, Skill

from .models import Job
from .services.jobs import refresh_search_of
from .signals import job_published
from .tasks import FACETS_FLAG, refresh_search_facets

FACETS_DELAY = 5  # seconds: a burst of publications is counted once


def publish_jobs_of_approved_employer(sender, *, organization_id: int, kind: str, **kwargs):
    """An employer approved (again): its published, still-open jobs become visible to the
    public, so each is announced as `job_published`. A first approval finds none (a pending
    employer can't have a job published); an employer approved again after a rejection
    gets its live jobs back in front of job seekers."""
    if kind != Organization.Kind.EMPLOYER:
        return
    for job_id in (
        Job.objects.published().filter(employer_id=organization_id).values_list("pk", flat=True)
    ):
        send_on_commit(job_published, sender=Job, job_id=job_id)


def reindex_jobs_of_skill(sender, instance: Skill, created: bool = False, **kwargs):
    """A skill's labels or aliases changed: the jobs naming it get their words again."""
    if created:
        return
    refresh_search_of(
        Job.objects.filter(Q(required_skills=instance) | Q(preferred_skills=instance)).distinct()
    )


def reindex_jobs_of_occupation(sender, instance: Occupation, created: bool = False, **kwargs):
    if created:
        return
    refresh_search_of(Job.objects.filter(occupation=instance))


def recount_facets(sender, **kwargs) -> None:
    """job_published / job_closed: the search's facet counts are recounted in a task."""
    schedule_once(FACETS_FLAG, refresh_search_facets, countdown=FACETS_DELAY)
