"""Reads for the per-role dashboards that span several apps."""

from dataclasses import dataclass

from apps.employers.models import Application, ApplicationStatus, Hire, HireStatus
from apps.trainings.models import Enrollment, EnrollmentStatus


@dataclass(frozen=True)
class SeekerProgress:
    """Where a job seeker is on the way to a tech job: the dashboard's next steps follow it."""

    in_training: bool  # applied, accepted or enrolled in a class
    completed_training: bool
    hired: bool  # hired through an application, or a hire reported for them that stands


def seeker_progress(user) -> SeekerProgress:
    enrollments = set(Enrollment.objects.filter(seeker=user).values_list("status", flat=True))
    hired = (
        Application.objects.filter(seeker=user, status=ApplicationStatus.HIRED).exists()
        or Hire.objects.filter(seeker=user).exclude(status=HireStatus.REJECTED).exists()
    )
    return SeekerProgress(
        in_training=bool(
            enrollments
            & {EnrollmentStatus.APPLIED, EnrollmentStatus.ACCEPTED, EnrollmentStatus.ENROLLED}
        ),
        completed_training=EnrollmentStatus.COMPLETED in enrollments,
        hired=hired,
    )
