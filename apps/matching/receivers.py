"""What matching does when employers or trainings publish (connected in apps.py)."""

from . import services, tasks


def job_published(sender, *, job_id: int, **kwargs) -> None:
    """The job enters the index of open jobs (recommendations), and its alerts go out."""
    tasks.index_job.delay(job_id)
    tasks.fan_out_job.delay(job_id)


def job_closed(sender, *, job_id: int, **kwargs) -> None:
    """A closed job leaves the index at once, and its alerts still waiting (instant or for
    a digest) never go."""
    services.unindex_job(job_id=job_id)
    services.withdraw_job_alerts(job_id=job_id)


def cohort_published(sender, *, cohort_id: int, **kwargs) -> None:
    tasks.fan_out_cohort.delay(cohort_id)
