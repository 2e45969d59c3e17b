from tests.seekers.helpers import enrollment

from .rules import roles

# The seeker's own trainings; other seekers' enrollments answer 404
# (tests/trainings/test_seeker_pages.py).
RULES = {
    "trainings:mine": roles("seeker"),
    # GET asks "are you sure?"; the POST from that page (confirm=yes) withdraws.
    "trainings:withdraw": roles("seeker", methods=("GET", "POST"), kwargs="own_enrollment"),
}


def samples(personas):
    return {"own_enrollment": {"pk": enrollment(personas.seeker, personas.orgs.provider).pk}}
