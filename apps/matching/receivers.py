"""What matching does when employers or trainings publish (connected in apps.py)."""

from . import services, tasks


def job_published(sender, *, job_id: int, **kwargs) -> None:
    tasks.fan_out_job.delay(job_id)


def job_closed(sender, *, job_id: int, **kwargs) -> None:
    """Alerts for a closed job that are still waiting (instant or for a digest) never go."""
    services.withdraw_job_alerts(job_id=job_id)


def cohort_published(sender, *, cohort_id: int, **kwargs) -> None:
    tasks.fan_out_cohort.delay(cohort_id)
