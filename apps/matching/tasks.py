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
