"""Matching's Celery tasks: thin, by id, safe to rerun (the dedupe keys make them so)."""

from celery import shared_task

from . import services


@shared_task(
    name="matching.fan_out_job", autoretry_for=(Exception,), max_retries=3, retry_backoff=True
)
def fan_out_job(job_id: int) -> int:
    return services.fan_out_job(job_id=job_id)


@shared_task(
    name="matching.fan_out_cohort", autoretry_for=(Exception,), max_retries=3, retry_backoff=True
)
def fan_out_cohort(cohort_id: int) -> int:
    return services.fan_out_cohort(cohort_id=cohort_id)


@shared_task(
    name="matching.index_job", autoretry_for=(Exception,), max_retries=3, retry_backoff=True
)
def index_job(job_id: int) -> int:
    return services.index_open_jobs(job_id=job_id)


@shared_task(name="matching.reindex_open_jobs")
def reindex_open_jobs() -> int:
    """Nightly: the index of open jobs rebuilt from the jobs (catches any missed event)."""
    return services.index_open_jobs()
