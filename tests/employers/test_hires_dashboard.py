"""The employer's part of the organization dashboard: employers/_employer_dashboard.html."""

from datetime import timedelta

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from apps.employers import selectors_hires
from apps.employers.models import Hire
from tests.factories.hires import (
    NOT_TECH,
    complete_training,
    make_application,
    make_hire,
    make_job,
    make_pledge,
    training_cohort,
)

pytestmark = pytest.mark.django_db


def render(organization) -> str:
    return render_to_string(
        "employers/_employer_dashboard.html",
        {"employer": selectors_hires.employer_dashboard(organization)},
    )


def test_a_new_employer_is_invited_to_post_a_job_and_pledge(personas):
    make_pledge(personas.orgs.other_employer)
    make_hire(personas.orgs.other_employer, status="verified")
    html = render(personas.orgs.employer)
    assert 'data-testid="employer-empty"' in html
    assert "Post your first job" in html and reverse("employers:job_create") in html
    assert "Make a pledge" in html and reverse("employers:pledge_create") in html
    assert "400" in html


def test_the_numbers_an_employer_follows(personas):
    org = personas.orgs.employer
    today = timezone.localdate()
    make_pledge(org, hires=10)
    make_pledge(org, hires=5, by_date=today + timedelta(days=30))
    make_pledge(org, hires=3, by_date=today - timedelta(days=1))  # ended
    make_hire(org, status="verified")
    make_hire(org, status="verified")
    make_hire(org, status="verified", soc_code=NOT_TECH)  # verified, but doesn't count
    make_hire(org)  # waiting
    make_hire(org, status="rejected")
    job = make_job(org)
    make_job(org, status="draft")
    make_job(org, closes_in_days=-2)  # past its closing date
    make_application(job=job)
    make_application(job=job)
    make_hire(org, application=make_application(job=job))
    make_application(job=job, status="interview")
    # Another employer's numbers stay out.
    make_pledge(personas.orgs.other_employer, hires=99)
    make_hire(personas.orgs.other_employer, status="verified")
    make_application(employer=personas.orgs.other_employer)

    data = selectors_hires.employer_dashboard(org)
    assert data["pledges"] == {"count": 3, "active": 2, "pledged": 18, "active_pledged": 15}
    assert data["hires"] == {
        "count": 6,
        "reported": 5,
        "waiting": 2,
        "verified": 3,
        "verified_tech": 2,
        "verified_other": 1,
        "rejected": 1,
    }
    assert data["jobs"] == {"count": 3, "open": 1}
    assert data["hired_not_reported"] == 2
    assert data["is_new"] is False

    html = render(org)
    assert 'data-testid="employer-empty"' not in html
    assert 'data-testid="dashboard-pledged">18<' in html
    assert "2 active pledges" in html
    assert 'data-testid="dashboard-reported">5<' in html
    assert "2 waiting for verification" in html
    assert 'data-testid="dashboard-verified">3<' in html
    assert "Only verified hires into tech occupations count toward the 400." in html
    assert "1 of yours is outside tech occupations." in html
    assert "2 applicants marked hired are not reported yet" in html
    assert reverse("employers:hires") in html
    assert "1 open job" in html and reverse("employers:jobs") in html
    assert reverse("employers:hire_create") in html


def test_an_employer_with_only_a_pending_application_is_not_new(personas):
    make_application(employer=personas.orgs.employer)
    html = render(personas.orgs.employer)
    assert 'data-testid="employer-empty"' not in html
    assert "1 applicant marked hired is not reported yet" in html


def test_dashboard_query_count_is_fixed_from_5_to_50_hires(personas):
    org = personas.orgs.employer
    cohort, teacher = training_cohort(seats=100)
    job = make_job(org)
    make_pledge(org)

    def add(n):
        for i in range(n):
            application = make_application(job=job)
            if i % 5 == 0:
                continue  # hired, not reported
            complete_training(application.seeker, cohort, teacher)
            status = ["reported", "verified", "rejected"][i % 3]
            make_hire(org, application=application, status=status)
        make_pledge(org)
        make_job(org)

    def count():
        with CaptureQueriesContext(connection) as queries:
            render(org)
        return len(queries)

    add(7)
    assert Hire.objects.filter(employer=org).count() == 5
    few = count()
    add(57)
    assert Hire.objects.filter(employer=org).count() == 50
    assert count() == few == 4


def test_the_dashboard_says_one_hire_or_several_hires(personas):
    org = personas.orgs.employer
    make_pledge(org, hires=1)
    make_hire(org, status="verified")
    html = render(org)
    assert ">hire pledged<" in html and ">hire reported<" in html
    assert ">verified hire<" in html
    make_pledge(org, hires=4)
    make_hire(org, status="verified")
    html = render(org)
    assert ">hires pledged<" in html and ">hires reported<" in html
    assert ">verified hires<" in html
