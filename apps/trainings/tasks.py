from celery import shared_task

from apps.core.cached import clear_schedule

from . import selectors

FACETS_FLAG = "trainings:facets-refresh-scheduled"


@shared_task(name="trainings.refresh_catalog_facets", acks_late=True, reject_on_worker_lost=True)
def refresh_catalog_facets() -> None:
    """The catalog's filter choices, read again into the cache (selectors.catalog_choices)."""
    clear_schedule(FACETS_FLAG)
    selectors.store_facets()
