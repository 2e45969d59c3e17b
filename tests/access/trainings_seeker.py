from tests.factories.trainings import EnrollmentFactory

from .rules import roles

# The seeker's own trainings; other seekers' enrollments answer 404
# (tests/trainings/test_seeker_pages.py).
RULES = {
    "trainings:mine": roles("seeker"),
    # GET asks "are you sure?"; the POST from that page (confirm=yes) withdraws.
    "trainings:withdraw": roles("seeker", methods=("GET", "POST"), kwargs="own_enrollment"),
}


def samples(personas):
    return {
        "own_enrollment": {
            "pk": EnrollmentFactory(
                seeker=personas.seeker,
                cohort__program__provider=personas.orgs.provider,
                cohort__program__status="published",
            ).pk
        }
    }
