"""Who reaches an employer's job pages: its own team only. Another employer's jobs answer 404
(their text never shows), other roles get 403, anonymous visitors are sent to sign in; and
nothing changes on the way. Also the pages tests/access/employers_jobs.py doesn't sweep."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.employers.models import Job
from apps.skills.models import Occupation, Skill
from tests.factories import OrganizationFactory, member_of
from tests.factories.employers import ApplicationFactory, JobFactory

pytestmark = pytest.mark.django_db

SECRETS = [
    "Their Secret Job",
    "Only Other Employer should read this description.",
    "their-applicant@people.example",
]


@pytest.fixture
def theirs(personas):
    """Other Employer's draft job, with an applicant on a published one, and text to find."""
    job = JobFactory(
        employer=personas.orgs.other_employer,
        title="Their Secret Job",
        description="Only Other Employer should read this description.",
        status="draft",
    )
    ApplicationFactory(
        job=JobFactory(employer=personas.orgs.other_employer, title="Their Secret Job Too"),
        seeker__email="their-applicant@people.example",
    )
    return job


def _valid_post() -> dict:
    return {
        "title": "Stolen",
        "occupation": Occupation.objects.get(soc_code="15-1232").pk,
        "description": "Stolen",
        "required_skills": [Skill.objects.get(slug="python").pk],
        "pay_min": "10",
        "pay_max": "20",
        "pay_unit": "hour",
        "employment_type": "full_time",
        "schedule": "day",
        "work_setting": "onsite",
        "location": "El Paso, TX",
        "openings": "1",
        "closes_on": (timezone.localdate() + timedelta(days=10)).isoformat(),
    }


def requests_for(job):
    """Every job-scoped employer URL on a job, with a plausible valid POST."""
    return [
        ("get", reverse("employers:job_detail", args=[job.pk]), None),
        ("get", reverse("employers:job_edit", args=[job.pk]), None),
        ("post", reverse("employers:job_edit", args=[job.pk]), _valid_post()),
        ("post", reverse("employers:job_submit", args=[job.pk]), {}),
        ("get", reverse("employers:job_close", args=[job.pk]), None),
        ("post", reverse("employers:job_close", args=[job.pk]), {"confirm": "yes"}),
    ]


def assert_untouched(job):
    fresh = Job.objects.get(pk=job.pk)
    assert fresh.title == "Their Secret Job" and fresh.status == "draft"
    assert fresh.submitted_at is None and fresh.closed_at is None
    assert not Job.objects.filter(title="Stolen").exists()


@pytest.mark.parametrize("persona", ["employer", "employer_member", "pending_employer"])
def test_another_employers_jobs_answer_404_and_show_nothing(client, personas, theirs, persona):
    client.force_login(getattr(personas, persona))
    for method, url, data in requests_for(theirs):
        response = getattr(client, method)(url, data or {})
        where = f"{method.upper()} {url}"
        assert response.status_code == 404, where
        html = response.content.decode()
        for secret in SECRETS:
            assert secret not in html, f"{where} shows {secret!r}"
    assert_untouched(theirs)
    # Nor do they show up on the employer's own list.
    html = client.get(reverse("employers:jobs")).content.decode()
    assert not any(secret in html for secret in SECRETS)


def test_the_own_team_reaches_every_job_page(client, personas):
    job = JobFactory(employer=personas.orgs.employer, status="draft")
    for persona in ["employer", "employer_member"]:
        client.force_login(getattr(personas, persona))
        for url in [
            reverse("employers:job_detail", args=[job.pk]),
            reverse("employers:job_edit", args=[job.pk]),
            reverse("employers:job_close", args=[job.pk]),
        ]:
            assert client.get(url).status_code == 200, f"{persona}: {url}"


@pytest.mark.parametrize("persona", ["seeker", "provider", "partner", "staff"])
def test_other_roles_get_403_and_change_nothing(client, personas, theirs, persona):
    client.force_login(getattr(personas, persona))
    own = [
        ("get", reverse("employers:jobs"), None),
        ("get", reverse("employers:job_create"), None),
        ("post", reverse("employers:job_create"), _valid_post()),
    ]
    for method, url, data in own + requests_for(theirs):
        response = getattr(client, method)(url, data or {})
        assert response.status_code == 403, f"{persona}: {method.upper()} {url}"
        assert "Their Secret Job" not in response.content.decode()
    assert_untouched(theirs)


def test_anonymous_visitors_are_sent_to_sign_in(client, theirs):
    login = reverse("account_login")
    for method, url, data in requests_for(theirs):
        response = getattr(client, method)(url, data or {})
        assert response.status_code == 302 and response["Location"].startswith(login), url
    assert_untouched(theirs)


def test_an_employer_role_without_an_employer_organization_gets_403(client):
    odd = member_of(
        OrganizationFactory(name="Mislabeled", kind="provider"), email="odd@people.example"
    )
    odd.role = "employer"
    odd.save()
    client.force_login(odd)
    assert client.get(reverse("employers:jobs")).status_code == 403
    assert client.post(reverse("employers:job_create"), _valid_post()).status_code == 403
    assert not Job.objects.exists()


def test_gets_change_nothing(client, personas):
    job = JobFactory(employer=personas.orgs.employer, status="draft")
    pending = JobFactory(employer=personas.orgs.employer, status="pending")
    client.force_login(personas.employer)
    assert client.get(reverse("employers:job_submit", args=[job.pk])).status_code == 405
    # Closing asks first: its GET is the "are you sure?" page.
    assert client.get(reverse("employers:job_close", args=[job.pk])).status_code == 200
    client.force_login(personas.staff)
    for url in [
        reverse("employers:job_approve", args=[pending.pk]),
        reverse("employers:job_send_back", args=[pending.pk]) + "?note=x",
    ]:
        assert client.get(url).status_code == 405
    job.refresh_from_db()
    pending.refresh_from_db()
    assert job.status == "draft" and pending.status == "pending"


def test_unknown_jobs_are_404_for_their_would_be_owner(client, personas):
    client.force_login(personas.employer)
    for name in ["job_detail", "job_edit"]:
        assert client.get(reverse(f"employers:{name}", args=[999999])).status_code == 404
    for name in ["job_submit", "job_close"]:
        assert client.post(reverse(f"employers:{name}", args=[999999])).status_code == 404
