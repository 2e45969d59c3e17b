from celery import shared_task

from .services import events, imports, referrals

TASK = {"acks_late": True, "reject_on_worker_lost": True}


@shared_task(name="partners.run_import", **TASK)
def run_import(import_id: int) -> None:
    imports.run_import(import_id=import_id)


@shared_task(name="partners.send_event_reminders", **TASK)
def send_event_reminders() -> int:
    return events.send_reminders()


@shared_task(name="partners.refresh_referral_stages", **TASK)
def refresh_referral_stages() -> int:
    return referrals.refresh_all_stages()
