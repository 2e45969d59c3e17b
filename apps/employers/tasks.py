from celery import shared_task

from apps.core.cached import clear_schedule

from . import selectors
from .services import jobs, reminders

TASK = {"acks_late": True, "reject_on_worker_lost": True}


@shared_task(name="employers.expire_jobs", **TASK)
def expire_jobs() -> int:
    return jobs.expire_jobs()


@shared_task(name="employers.remind_unreported_outcomes", **TASK)
def remind_unreported_outcomes() -> int:
    return reminders.remind_unreported_outcomes()


@shared_task(name="employers.remind_unverified_hires", **TASK)
def remind_unverified_hires() -> int:
    return reminders.remind_unverified_hires()


FACETS_FLAG = "employers:facets-refresh-scheduled"


@shared_task(name="employers.refresh_search_facets", **TASK)
def refresh_search_facets() -> None:
    """The job search's facet counts, recounted into the cache (selectors.search_choices)."""
    clear_schedule(FACETS_FLAG)
    selectors.store_facets()
