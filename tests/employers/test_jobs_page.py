"""The public job page and its JobPosting data; a seeker applying, withdrawing, and the
seeker's list of applications."""

import re
from datetime import timedelta
from decimal import Decimal

import extruct
import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from apps.accounts.models import Organization
from apps.core.i18n import localized
from apps.employers.models import Application, ApplicationEvent, Job
from apps.notifications.models import Notification
from apps.seekers.models import Resume, SeekerProfile
from tests.factories.employers import ApplicationFactory, JobFactory
from tests.seekers.helpers import PDF

pytestmark = pytest.mark.django_db

LD_JSON = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


@pytest.fixture
def job(personas):
    return JobFactory(
        employer=personas.orgs.employer,
        title="Help Desk Technician",
        description="Answer calls and fix laptops.\nWe train you on our tools.",
        required_skills=["help-desk", "windows-10-11"],
        preferred_skills=["linux"],
        pay_min=Decimal("18.50"),
        pay_max=Decimal("22"),
        pay_unit="hour",
        employment_type="full_time",
        openings=3,
    )


def page(client, job):
    return client.get(reverse("employers:job", args=[job.slug]))


def posting(response) -> dict:
    """The page's JobPosting, as a search engine's parser (extruct) reads it."""
    html = response.content.decode()
    assert len(LD_JSON.findall(html)) == 1
    found = extruct.extract(html, base_url="http://testserver/", syntaxes=["json-ld"])
    [data] = found["json-ld"]
    return data


# ---------------------------------------------------------------------------
# The page
# ---------------------------------------------------------------------------
def test_job_page_shows_every_detail(client, job):
    response = page(client, job)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Help Desk Technician" in html
    assert "Answer calls and fix laptops.<br>We train you on our tools." in html
    assert "$18.50 to $22 per hour" in html
    assert 'data-testid="no-degree"' in html and "No degree required." in html
    required = html.split('data-testid="required-skills"')[1].split("</ul>")[0]
    preferred = html.split('data-testid="preferred-skills"')[1].split("</ul>")[0]
    assert "Help desk" in required and "Windows 10/11" in required and "Linux" not in required
    assert "Linux" in preferred
    assert reverse("accounts:public", args=[job.employer.slug]) in html
    assert "Full time" in html and "Computer User Support Specialists" in html


def test_degree_required_is_not_highlighted(client, job):
    Job.objects.filter(pk=job.pk).update(degree_required=True)
    html = page(client, job).content.decode()
    assert 'data-testid="no-degree"' not in html
    assert "A college degree is required" in html


def test_pay_is_localized_in_spanish(client, job):
    Job.objects.filter(pk=job.pk).update(
        pay_min=Decimal("45000"), pay_max=Decimal("52000.50"), pay_unit="year"
    )
    html = client.get(localized(reverse("employers:job", args=[job.slug]), "es")).content.decode()
    # Spanish as Mexico and the US write it (techhire/formats/es), like the catalog's texts.
    assert "$45,000 a $52,000.50 al año" in html
    assert "45\xa0000" not in html and "52\xa0000,50" not in html


def test_a_note_the_browser_accepts_is_accepted(client, personas, job):
    # 2,000 characters as the textarea counts them; line breaks arrive as two.
    note = "\r\n".join(["x" * 19] * 100)
    assert len(note.replace("\r\n", "\n")) == 1999 and len(note) > 2000
    client.force_login(personas.seeker)
    assert apply(client, job, note=note).status_code == 302
    assert Application.objects.get().note == note.replace("\r\n", "\n")


@pytest.mark.parametrize(
    "change",
    [
        {"status": "draft"},
        {"status": "pending"},
        {"status": "closed"},
        {"closes_on": timezone.localdate() - timedelta(days=1)},
    ],
)
def test_only_open_jobs_have_a_page(client, job, change):
    Job.objects.filter(pk=job.pk).update(**change)
    assert page(client, job).status_code == 404


def test_a_pending_employers_job_and_unknown_slugs_are_404(client, personas):
    theirs = JobFactory(employer=personas.orgs.pending)
    assert page(client, theirs).status_code == 404
    assert client.get(reverse("employers:job", args=["no-such-job"])).status_code == 404


# ---------------------------------------------------------------------------
# schema.org JobPosting
# ---------------------------------------------------------------------------
def test_job_posting_data_has_the_fields_search_engines_need(client, job):
    data = posting(page(client, job))
    assert data["@context"] == "https://schema.org/" and data["@type"] == "JobPosting"
    assert data["title"] == "Help Desk Technician"
    # The whole description, as HTML.
    assert data["description"] == (
        "<p>Answer calls and fix laptops.<br>We train you on our tools.</p>"
    )
    assert data["datePosted"] == timezone.localdate().isoformat()
    assert data["validThrough"].startswith(job.closes_on.isoformat())
    assert data["employmentType"] == "FULL_TIME"
    assert data["hiringOrganization"]["name"] == "Sun City Software"
    assert data["hiringOrganization"]["@type"] == "Organization"
    assert data["jobLocation"]["address"] == {
        "@type": "PostalAddress",
        "addressLocality": "El Paso",
        "addressRegion": "TX",
        "addressCountry": "US",
    }
    assert "jobLocationType" not in data
    assert data["baseSalary"] == {
        "@type": "MonetaryAmount",
        "currency": "USD",
        "value": {
            "@type": "QuantitativeValue",
            "minValue": 18.5,
            "maxValue": 22.0,
            "unitText": "HOUR",
        },
    }
    assert data["educationRequirements"] == "no requirements"
    assert data["experienceRequirements"] == "no requirements"
    assert data["directApply"] is True
    assert data["hiringOrganization"]["url"] == (
        f"http://testserver/en/organizations/{job.employer.slug}/"
    )
    assert "logo" not in data["hiringOrganization"]


def test_job_posting_carries_the_employers_site_logo_address_and_experience(client, job):
    Organization.objects.filter(pk=job.employer_id).update(
        website="https://suncity.example", logo_url="https://suncity.example/logo.png"
    )
    Job.objects.filter(pk=job.pk).update(
        street_address="300 E. Main Dr., Suite 800", postal_code="79901", experience_months=18
    )
    response = page(client, job)
    data = posting(response)
    assert data["hiringOrganization"]["sameAs"] == "https://suncity.example"
    assert data["hiringOrganization"]["logo"] == "https://suncity.example/logo.png"
    assert data["experienceRequirements"] == {
        "@type": "OccupationalExperienceRequirements",
        "monthsOfExperience": 18,
    }
    assert data["jobLocation"]["address"] == {
        "@type": "PostalAddress",
        "streetAddress": "300 E. Main Dr., Suite 800",
        "addressLocality": "El Paso",
        "addressRegion": "TX",
        "postalCode": "79901",
        "addressCountry": "US",
    }
    html = response.content.decode()
    assert "300 E. Main Dr., Suite 800, 79901" in html
    assert "18 months" in html


def test_a_description_with_markup_stays_text(client, job):
    Job.objects.filter(pk=job.pk).update(description="Use <b>SQL</b> & Linux\n\nThen <script>x")
    data = posting(page(client, job))
    assert data["description"] == (
        "<p>Use &lt;b&gt;SQL&lt;/b&gt; &amp; Linux</p>\n\n<p>Then &lt;script&gt;x</p>"
    )


def test_the_spanish_page_has_the_spanish_address(client, job):
    response = client.get(localized(reverse("employers:job", args=[job.slug]), "es"))
    data = posting(response)
    assert data["url"] == f"http://testserver/es/jobs/{job.slug}/"
    assert data["hiringOrganization"]["url"] == (
        f"http://testserver/es/organizations/{job.employer.slug}/"
    )


@pytest.mark.parametrize(
    "employment_type,expected",
    [
        ("part_time", "PART_TIME"),
        ("contract", "CONTRACTOR"),
        ("temporary", "TEMPORARY"),
        ("internship", "INTERN"),
        ("apprenticeship", "OTHER"),
    ],
)
def test_employment_types_use_schema_org_values(client, job, employment_type, expected):
    Job.objects.filter(pk=job.pk).update(employment_type=employment_type)
    assert posting(page(client, job))["employmentType"] == expected


def test_remote_jobs_are_telecommute_and_yearly_pay_is_year(client, job):
    Job.objects.filter(pk=job.pk).update(
        work_setting="remote",
        pay_unit="year",
        pay_min=40000,
        pay_max=50000,
        degree_required=True,
    )
    data = posting(page(client, job))
    assert data["jobLocationType"] == "TELECOMMUTE"
    assert "jobLocation" not in data
    assert data["baseSalary"]["value"]["unitText"] == "YEAR"
    assert "educationRequirements" not in data


def test_a_title_cannot_break_out_of_the_json_script(client, job):
    nasty = 'Tech </script><script>alert("x")</script> & <!-- co'
    Job.objects.filter(pk=job.pk).update(title=nasty)
    response = page(client, job)
    html = response.content.decode()
    assert "<script>alert" not in html
    assert "\\u003c/script\\u003e" in html
    assert posting(response)["title"] == nasty  # still valid JSON, same text
    # The HTML around it still parses: one JSON-LD block, whole.
    assert extruct.extract(html, syntaxes=["json-ld"])["json-ld"][0]["title"] == nasty


# ---------------------------------------------------------------------------
# Who sees what in the "Apply" section
# ---------------------------------------------------------------------------
def test_anonymous_visitors_are_invited_to_sign_in(client, job):
    html = page(client, job).content.decode()
    assert "Sign in to apply" in html
    assert f"{reverse('account_login')}?next={reverse('employers:job', args=[job.slug])}" in html
    assert "Apply for this job" not in html


def test_a_seeker_without_a_resume_is_told_and_linked_to_upload_one(client, personas, job):
    client.force_login(personas.seeker)
    html = page(client, job).content.decode()
    assert "Apply for this job" in html
    assert "You have no resume on file" in html
    assert reverse("seekers:resume") in html


def test_a_seeker_sees_which_resume_goes_with_the_application(client, personas, job):
    profile = SeekerProfile.objects.create(user=personas.seeker)
    resume = Resume(profile=profile, original_name="maria-cv.pdf", size=len(PDF))
    resume.file.save("cv.pdf", ContentFile(PDF), save=False)
    resume.save()
    client.force_login(personas.seeker)
    html = page(client, job).content.decode()
    assert "Your resume “maria-cv.pdf” goes with your application." in html


@pytest.mark.parametrize("persona", ["employer", "provider", "partner", "staff"])
def test_other_roles_get_a_short_note(client, personas, job, persona):
    client.force_login(getattr(personas, persona))
    html = page(client, job).content.decode()
    assert "Job seekers apply with their own account." in html
    assert "Apply for this job" not in html


def test_a_seeker_who_applied_sees_the_status_not_the_form(client, personas, job):
    ApplicationFactory(job=job, seeker=personas.seeker, status="interview")
    client.force_login(personas.seeker)
    html = page(client, job).content.decode()
    assert 'data-testid="my-application"' in html and "Interview" in html
    assert "Apply for this job" not in html


# ---------------------------------------------------------------------------
# Applying
# ---------------------------------------------------------------------------
def apply(client, job, **data):
    return client.post(reverse("employers:apply", args=[job.slug]), data)


def test_a_seeker_applies_with_a_note(client, personas, job):
    client.force_login(personas.seeker)
    response = apply(client, job, note="I can start Monday.")
    assert response.status_code == 302
    assert response["Location"] == reverse("employers:my_applications")
    application = Application.objects.get(seeker=personas.seeker, job=job)
    assert application.note == "I can start Monday." and application.status == "submitted"
    assert ApplicationEvent.objects.filter(application=application).count() == 1
    # The employer's team hears about it.
    assert Notification.objects.filter(
        kind="application_received", recipient=personas.employer
    ).exists()
    html = client.get(reverse("employers:my_applications")).content.decode()
    assert "You applied to Help Desk Technician at Sun City Software." in html


def test_the_resume_is_copied_into_the_application(client, personas, job):
    profile = SeekerProfile.objects.create(user=personas.seeker)
    resume = Resume(profile=profile, original_name="maria-cv.pdf", size=len(PDF))
    resume.file.save("cv.pdf", ContentFile(PDF), save=False)
    resume.save()
    client.force_login(personas.seeker)
    apply(client, job)
    application = Application.objects.get(seeker=personas.seeker)
    assert application.resume_name == "maria-cv.pdf"
    with application.resume.open("rb") as copy:
        assert copy.read() == PDF


def test_applying_twice_is_a_clear_409(client, personas, job):
    client.force_login(personas.seeker)
    apply(client, job)
    response = apply(client, job, note="again")
    assert response.status_code == 409
    assert "You already applied to this job." in response.content.decode()
    assert Application.objects.count() == 1


@pytest.mark.parametrize(
    "note,message",
    [
        ("x" * 2001, "Keep your note to 2,000 characters or fewer (it has 2001)."),
        # 3 MB: more than Django reads into memory; refused before the form sees it. (A
        # body over the upload limit is refused earlier still: tests/core/test_headers_and_limits.)
        ("x" * (3 * 1024 * 1024), "Keep your note to 2,000 characters or fewer.<"),
    ],
)
def test_a_huge_note_is_refused_and_nothing_is_saved(client, personas, job, note, message):
    client.force_login(personas.seeker)
    response = apply(client, job, note=note)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Application.objects.exists()
    assert not Notification.objects.filter(kind="application_received").exists()


@pytest.mark.parametrize(
    "change",
    [
        {"status": "draft"},
        {"status": "closed"},
        {"closes_on": timezone.localdate() - timedelta(days=1)},
    ],
)
def test_applying_to_a_job_that_is_not_open_is_404(client, personas, job, change):
    Job.objects.filter(pk=job.pk).update(**change)
    client.force_login(personas.seeker)
    assert apply(client, job).status_code == 404
    assert not Application.objects.exists()


@pytest.mark.parametrize("persona", ["employer", "provider", "partner", "staff"])
def test_only_seekers_apply(client, personas, job, persona):
    client.force_login(getattr(personas, persona))
    assert apply(client, job).status_code == 403
    client.logout()
    response = apply(client, job)
    assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))
    assert not Application.objects.exists()


def test_applying_needs_post(client, personas, job):
    client.force_login(personas.seeker)
    assert client.get(reverse("employers:apply", args=[job.slug])).status_code == 405
    assert not Application.objects.exists()


# ---------------------------------------------------------------------------
# The seeker's applications, and withdrawing
# ---------------------------------------------------------------------------
def test_empty_applications_page_links_to_job_search(client, personas):
    client.force_login(personas.seeker)
    html = client.get(reverse("employers:my_applications")).content.decode()
    assert 'data-testid="applications-empty"' in html
    assert reverse("employers:search") in html


def test_applications_page_shows_each_application_with_history(client, personas, job):
    ApplicationFactory(job=job, seeker=personas.seeker, status="interview")
    closed = JobFactory(title="Old Closed Job", status="closed")
    ApplicationFactory(job=closed, seeker=personas.seeker, status="rejected")
    ApplicationFactory(job=job, seeker=personas.other_seeker, note="Someone else's note")
    client.force_login(personas.seeker)
    html = client.get(reverse("employers:my_applications")).content.decode()
    assert html.count('data-testid="application"') == 2
    assert "Help Desk Technician" in html and "Sun City Software" in html
    assert "Old Closed Job" in html
    assert reverse("employers:job", args=[closed.slug]) not in html  # no link to a 404
    assert "Interview" in html and "Reviewing" in html and "Not selected" in html
    assert "Someone else&#x27;s note" not in html and "Someone else's note" not in html
    # A withdraw link (to the confirmation page) for the open application only.
    assert html.count('data-testid="withdraw-link"') == 1


def test_applications_page_query_count_does_not_grow(client, personas):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(personas.seeker)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("employers:my_applications")).status_code == 200
        return len(queries)

    ApplicationFactory(seeker=personas.seeker, status="reviewing")
    few = count()
    for _ in range(6):
        ApplicationFactory(seeker=personas.seeker, status="offer")
    assert count() == few


def withdraw_url(application) -> str:
    return reverse("employers:withdraw", args=[application.pk])


def test_a_seeker_withdraws_an_open_application(client, personas, job):
    application = ApplicationFactory(job=job, seeker=personas.seeker, status="reviewing")
    client.force_login(personas.seeker)
    url = withdraw_url(application)
    listing = client.get(reverse("employers:my_applications")).content.decode()
    assert f'href="{url}"' in listing  # a link to the confirmation, not a one-click form
    assert f'action="{url}"' not in listing
    confirm = client.get(url)
    assert confirm.status_code == 200
    html = confirm.content.decode()
    assert "Withdraw your application to “Help Desk Technician”?" in html
    assert "This can't be undone: you can't apply to this job again." in html
    assert f'action="{url}"' in html and 'name="confirm" value="yes"' in html
    application.refresh_from_db()
    assert application.status == "reviewing"  # asking changed nothing
    response = client.post(url, {"confirm": "yes"})
    assert response.status_code == 302
    assert response["Location"] == reverse("employers:my_applications")
    application.refresh_from_db()
    assert application.status == "withdrawn"
    last = application.events.last()
    assert (last.from_status, last.to_status, last.actor) == (
        "reviewing",
        "withdrawn",
        personas.seeker,
    )
    html = client.get(reverse("employers:my_applications")).content.decode()
    assert "You withdrew your application to Help Desk Technician" in html


@pytest.mark.parametrize("data", [{}, {"confirm": "no"}, {"confirm": ""}])
def test_withdrawing_without_the_confirmation_is_a_400_and_changes_nothing(
    client, personas, job, data
):
    application = ApplicationFactory(job=job, seeker=personas.seeker, status="interview")
    events = application.events.count()
    client.force_login(personas.seeker)
    response = client.post(withdraw_url(application), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert 'data-testid="confirm-error"' in html
    assert "Nothing changed: press “Yes, withdraw my application” to withdraw it." in html
    assert 'name="confirm" value="yes"' in html  # the button to confirm, right there
    application.refresh_from_db()
    assert application.status == "interview"
    assert application.events.count() == events
    assert not Notification.objects.filter(kind="application_withdrawn").exists()


def test_a_finished_application_cannot_be_withdrawn(client, personas, job):
    application = ApplicationFactory(job=job, seeker=personas.seeker, status="hired")
    client.force_login(personas.seeker)
    response = client.post(withdraw_url(application), {"confirm": "yes"})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'data-testid="withdraw-error"' in html
    assert "You can no longer withdraw this application: it is marked “Hired”." in html
    application.refresh_from_db()
    assert application.status == "hired"


def test_the_withdraw_page_of_a_finished_application_explains_instead_of_failing(
    client, personas, job
):
    application = ApplicationFactory(job=job, seeker=personas.seeker, status="withdrawn")
    client.force_login(personas.seeker)
    response = client.get(withdraw_url(application), follow=True)
    assert response.redirect_chain == [(reverse("employers:my_applications"), 302)]
    assert "You can no longer withdraw this application" in response.content.decode()


def test_another_seekers_application_is_404(client, personas, job):
    theirs = ApplicationFactory(job=job, seeker=personas.other_seeker)
    client.force_login(personas.seeker)
    response = client.get(withdraw_url(theirs))
    assert response.status_code == 404
    assert "Help Desk Technician" not in response.content.decode()
    assert client.post(withdraw_url(theirs), {"confirm": "yes"}).status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == "submitted"


@pytest.mark.parametrize("persona", ["employer", "provider", "partner", "staff"])
def test_only_the_seeker_withdraws(client, personas, job, persona):
    application = ApplicationFactory(job=job, seeker=personas.seeker)
    url = withdraw_url(application)
    client.force_login(getattr(personas, persona))
    assert client.get(url).status_code == 403
    assert client.post(url, {"confirm": "yes"}).status_code == 403
    client.logout()
    assert client.get(url).status_code == 302
    assert client.post(url, {"confirm": "yes"}).status_code == 302
    application.refresh_from_db()
    assert application.status == "submitted"


def test_another_seeker_cannot_apply_for_you(client, personas, job):
    """The application is always the signed-in seeker's own."""
    client.force_login(personas.seeker)
    apply(client, job, seeker=personas.other_seeker.pk)
    assert list(Application.objects.values_list("seeker", flat=True)) == [personas.seeker.pk]


@pytest.mark.parametrize(
    "megabytes,status",
    # 3 MB: the CSRF check reads the body first (a 400); 10 MB: over the upload limit, the
    # body is refused from its Content-Length before anything reads it (413).
    [(3, 400), (10, 413)],
)
def test_a_huge_note_is_refused_even_before_the_csrf_check(personas, job, megabytes, status):
    """In production the CSRF check reads the body first: still refused, nothing saved."""
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    browser.force_login(personas.seeker)
    browser.get(reverse("employers:job", args=[job.slug]))  # sets the CSRF cookie
    token = browser.cookies[settings.CSRF_COOKIE_NAME].value
    response = browser.post(
        reverse("employers:apply", args=[job.slug]),
        {"csrfmiddlewaretoken": token, "note": "x" * (megabytes * 1024 * 1024)},
    )
    assert response.status_code == status
    assert not Application.objects.exists()


def test_the_job_page_keeps_the_content_security_policy(client, personas, job):
    """No inline script that runs and no inline style: the JSON-LD block is data only."""
    client.force_login(personas.seeker)
    response = client.get(reverse("employers:job", args=[job.slug]))
    html = response.content.decode()
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    scripts = re.findall(r"<script[^>]*>", html)
    assert all("src=" in tag or tag == '<script type="application/ld+json">' for tag in scripts)
    assert " style=" not in html
