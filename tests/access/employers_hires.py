"""Pledges and hires (apps/employers/views/hires.py).

Employer pages are for members of an employer organization; other roles get 403. Another
employer's pledges, hires and applicants answer 404 (tests/employers/test_hires_access.py).
The verification queue is for staff.
"""

from .rules import STAFF, roles

EMPLOYER = "employer"
FORM = ("GET", "POST")

RULES = {
    "employers:pledges": roles(EMPLOYER),
    "employers:pledge_create": roles(
        EMPLOYER, methods=FORM, notes="a pending organization sees why it can't pledge yet"
    ),
    "employers:pledge_edit": roles(
        EMPLOYER,
        methods=FORM,
        kwargs="employer_pledge",
        check=False,
        notes=(
            "one pledge can't belong to both the approved and the pending employer persona: "
            "covered per role in tests/employers/test_hires_access.py"
        ),
    ),
    # Hires name people: for approved employers only (people=True).
    "employers:hires": roles(EMPLOYER, people=True),
    "employers:hire_create": roles(EMPLOYER, methods=FORM, people=True),
    "employers:hire_edit": roles(
        EMPLOYER,
        methods=FORM,
        people=True,
        kwargs="reported_hire",
        notes="another employer's hire: tests/employers/test_hires_dates_and_corrections.py",
    ),
    "employers:hire_queue": STAFF,
    "employers:hire_verify": roles("staff", methods=("POST",), kwargs="reported_hire"),
    "employers:hire_reject": roles("staff", methods=("POST",), kwargs="reported_hire"),
}


def samples(personas):
    from tests.factories.hires import make_hire, make_pledge

    return {
        "employer_pledge": {"pk": make_pledge(personas.orgs.employer).pk},
        "reported_hire": {"pk": make_hire(personas.orgs.employer).pk},
    }
