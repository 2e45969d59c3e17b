"""The provider's side of trainings (apps/trainings/views/provider.py).

Members of a training-provider organization only; other roles get 403. Another provider's
programs, cohorts and enrollments answer 404 (tests/trainings/test_provider_access.py).
"""

from .rules import roles

PROVIDER = "provider"
FORM = ("GET", "POST")

RULES = {
    "trainings:manage": roles(PROVIDER),
    "trainings:program_create": roles(PROVIDER, methods=FORM),
    "trainings:program_detail": roles(PROVIDER, kwargs="provider_program"),
    "trainings:program_edit": roles(PROVIDER, methods=FORM, kwargs="provider_program"),
    "trainings:program_status": roles(PROVIDER, methods=("POST",), kwargs="provider_program"),
    "trainings:cohort_create": roles(PROVIDER, methods=FORM, kwargs="provider_program"),
    "trainings:cohort_edit": roles(PROVIDER, methods=FORM, kwargs="provider_cohort"),
    # The roster and its decisions: other people's data, for approved providers only.
    "trainings:roster": roles(PROVIDER, kwargs="provider_cohort", people=True),
    "trainings:enrollment_status": roles(
        PROVIDER, methods=("POST",), kwargs="provider_enrollment", people=True
    ),
}


def samples(personas):
    from tests.factories.trainings import EnrollmentFactory

    enrollment = EnrollmentFactory(
        cohort__program__provider=personas.orgs.provider, seeker=personas.other_seeker
    )
    cohort = enrollment.cohort
    return {
        "provider_program": {"pk": cohort.program.pk},
        "provider_cohort": {"pk": cohort.pk},
        "provider_enrollment": {"pk": enrollment.pk},
    }
