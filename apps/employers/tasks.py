from celery import shared_task

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
