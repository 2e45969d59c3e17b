from celery import shared_task

from . import services

TASK = {"acks_late": True, "reject_on_worker_lost": True}


@shared_task(name="employers.expire_jobs", **TASK)
def expire_jobs() -> int:
    return services.expire_jobs()


@shared_task(name="employers.remind_unreported_outcomes", **TASK)
def remind_unreported_outcomes() -> int:
    return services.remind_unreported_outcomes()


@shared_task(name="employers.remind_unverified_hires", **TASK)
def remind_unverified_hires() -> int:
    return services.remind_unverified_hires()
