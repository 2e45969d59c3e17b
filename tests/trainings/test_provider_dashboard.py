"""The provider's part of the organization dashboard: trainings/_provider_dashboard.html."""

from datetime import timedelta

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from apps.trainings import selectors
from tests.factories.trainings import CohortFactory, EnrollmentFactory, ProgramFactory

pytestmark = pytest.mark.django_db


def render(organization) -> str:
    return render_to_string(
        "trainings/_provider_dashboard.html",
        {"provider": selectors.provider_dashboard(organization)},
    )


def test_a_new_provider_is_invited_to_add_its_first_program(personas):
    html = render(personas.orgs.provider)
    assert "Add your first program" in html
    assert reverse("trainings:program_create") in html


def test_upcoming_classes_with_seats_and_applicants_waiting(personas):
    program = ProgramFactory(provider=personas.orgs.provider, title="Help Desk Basics")
    soon = CohortFactory(program=program, seats=12)
    EnrollmentFactory.create_batch(2, cohort=soon)
    EnrollmentFactory(cohort=soon, status="enrolled")
    EnrollmentFactory(cohort=soon, status="completed")
    EnrollmentFactory(cohort=soon, status="declined")
    past_start = timezone.localdate() - timedelta(days=100)
    CohortFactory(
        program=program,
        start_date=past_start,
        end_date=past_start + timedelta(days=30),
        enrollment_deadline=past_start,
    )
    ProgramFactory(provider=personas.orgs.other_provider, title="Their Secret Course")
    html = render(personas.orgs.provider)
    assert "Add your first program" not in html
    assert 'data-testid="total-waiting">2<' in html
    assert 'data-testid="total-enrolled">1<' in html
    assert 'data-testid="total-completed">1<' in html
    assert html.count('data-testid="dashboard-cohort"') == 1  # the ended class is not listed
    assert "4 of 12" in html
    assert "2 applicants" in html
    assert reverse("trainings:roster", args=[soon.pk]) in html
    assert reverse("trainings:manage") in html
    assert "Their Secret Course" not in html


def test_programs_without_classes_say_what_to_do(personas):
    ProgramFactory(provider=personas.orgs.provider)
    html = render(personas.orgs.provider)
    assert "No classes are running or scheduled." in html
    assert 'data-testid="total-waiting">0<' in html


def test_dashboard_query_count_does_not_grow(personas):
    def count():
        with CaptureQueriesContext(connection) as queries:
            render(personas.orgs.provider)
        return len(queries)

    cohort = CohortFactory(program__provider=personas.orgs.provider)
    EnrollmentFactory(cohort=cohort)
    few = count()
    for _ in range(10):
        cohort = CohortFactory(program__provider=personas.orgs.provider)
        EnrollmentFactory.create_batch(3, cohort=cohort)
    assert count() <= few
