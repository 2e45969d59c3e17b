"""An employer lists, posts, edits, sends for review and closes its jobs."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from apps.core.i18n import localized
from apps.employers.models import Job
from apps.employers.services.jobs import save_job
from apps.skills.models import Occupation, Skill
from tests.factories.employers import ApplicationFactory, JobFactory

pytestmark = pytest.mark.django_db


def skill_ids(*slugs) -> list[int]:
    return list(Skill.objects.filter(slug__in=slugs).values_list("pk", flat=True))


def job_data(**overrides) -> dict:
    """A complete, valid job form; a value of None leaves the field out of the POST."""
    data = {
        "title": "Cloud Support Associate",
        "occupation": Occupation.objects.get(soc_code="15-1232").pk,
        "description": "Answer tickets about our cloud product. We pay for your AWS exam.",
        "required_skills": skill_ids("help-desk", "linux"),
        "preferred_skills": skill_ids("python"),
        "pay_min": "19.00",
        "pay_max": "24.50",
        "pay_unit": "hour",
        "employment_type": "full_time",
        "schedule": "day",
        "work_setting": "hybrid",
        "location": "El Paso, TX",
        "openings": "3",
        "closes_on": (timezone.localdate() + timedelta(days=21)).isoformat(),
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


# ---------------------------------------------------------------------------
# The list
# ---------------------------------------------------------------------------
def test_empty_list_invites_the_first_job(client, personas):
    client.force_login(personas.employer)
    response = client.get(reverse("employers:jobs"))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-testid="empty-state"' in html and "Post your first job" in html
    assert reverse("employers:job_create") in html
    assert 'data-testid="publishing-banner"' not in html


def test_list_shows_own_jobs_with_status_and_applicant_counts(client, personas):
    open_job = JobFactory(employer=personas.orgs.employer, title="Help Desk Technician")
    ApplicationFactory(job=open_job)
    ApplicationFactory(job=open_job, status="interview")
    JobFactory(employer=personas.orgs.employer, title="Draft Developer", status="draft")
    JobFactory(
        employer=personas.orgs.employer,
        title="Expired Analyst",
        closes_on=timezone.localdate() - timedelta(days=2),
    )
    JobFactory(employer=personas.orgs.other_employer, title="Their Secret Job")
    client.force_login(personas.employer_member)  # a teammate sees the same list
    html = client.get(reverse("employers:jobs")).content.decode()
    assert html.count('data-testid="job-row"') == 3
    assert "Their Secret Job" not in html
    assert "2 applicants" in html and "1 new" in html
    assert "Published" in html and "Draft" in html and "Expired" in html
    assert reverse("employers:pipeline", kwargs={"pk": open_job.pk}) in html
    assert reverse("employers:job_edit", args=[open_job.pk]) in html


def test_pending_employer_sees_why_it_cannot_post_yet(client, personas):
    client.force_login(personas.pending_employer)
    html = client.get(reverse("employers:jobs")).content.decode()
    assert "Job posting opens after approval" in html
    assert "You can prepare jobs as drafts now" in html


def test_list_query_count_does_not_grow_with_jobs(client, personas):
    client.force_login(personas.employer)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("employers:jobs")).status_code == 200
        return len(queries)

    JobFactory.create_batch(2, employer=personas.orgs.employer)
    few = count()
    for job in JobFactory.create_batch(15, employer=personas.orgs.employer):
        ApplicationFactory(job=job)
    assert count() == few


# ---------------------------------------------------------------------------
# Posting and editing
# ---------------------------------------------------------------------------
def test_the_form_groups_skills_and_explains_the_degree_question(client, personas):
    client.force_login(personas.employer)
    response = client.get(reverse("employers:job_create"))
    html = response.content.decode()
    assert response.status_code == 200
    # The skill picker, twice: a search (with JavaScript) and every skill by category.
    assert html.count("data-skills-field") == 2 and html.count("Browse all skills by category") == 2
    assert html.count('name="required_skills"') == Skill.objects.count()
    assert html.count('name="preferred_skills"') == Skill.objects.count()
    assert "Reboot El Paso hires on skills" in html  # degree_required's help text
    degree = html.split('name="degree_required"')[1].split(">")[0]
    assert "checked" not in degree  # off by default
    occupations = html.split('name="occupation"')[1].split("</select>")[0]
    assert "Software Developers" in occupations
    assert "Customer Service Representatives" not in occupations  # not a tech occupation


def test_a_job_may_give_its_address_and_the_experience_it_needs(client, personas):
    client.force_login(personas.employer)
    data = job_data(
        street_address="300 E. Main Dr., Suite 800", postal_code="79901", experience_months="6"
    )
    assert client.post(reverse("employers:job_create"), data).status_code == 302
    job = Job.objects.get()
    assert job.street_address == "300 E. Main Dr., Suite 800"
    assert (job.postal_code, job.experience_months) == ("79901", 6)
    facts = client.get(reverse("employers:job_detail", args=[job.pk])).content.decode()
    assert "300 E. Main Dr., Suite 800, 79901" in facts and "6 months" in facts


def test_posting_a_job_saves_a_searchable_draft(client, personas):
    client.force_login(personas.employer_member)
    response = client.post(reverse("employers:job_create"), job_data())
    job = Job.objects.get(title="Cloud Support Associate")
    assert response.status_code == 302
    assert response["Location"] == reverse("employers:job_detail", args=[job.pk])
    assert job.status == "draft" and job.employer == personas.orgs.employer
    assert job.created_by == personas.employer_member
    assert job.degree_required is False
    assert set(job.required_skills.values_list("slug", flat=True)) == {"help-desk", "linux"}
    assert list(job.preferred_skills.values_list("slug", flat=True)) == ["python"]
    assert "mesa de ayuda" in job.skills_text and job.search_vector  # folded words
    assert job.experience_months == 0  # left empty: none needed
    assert (job.street_address, job.postal_code) == ("", "")
    html = client.get(response["Location"]).content.decode()
    assert "is saved as a draft" in html
    # A draft is not public.
    assert client.get(reverse("employers:job", args=[job.slug])).status_code == 404


@pytest.mark.parametrize(
    "overrides,field,message",
    [
        ({"pay_min": "30", "pay_max": "20"}, "pay_max", "can’t be less than"),
        (
            {"closes_on": (timezone.localdate() - timedelta(days=1)).isoformat()},
            "closes_on",
            "The closing date is in the past.",
        ),
        ({"required_skills": None}, "required_skills", "Choose at least one required skill."),
        ({"required_skills": ["999999"]}, "required_skills", "not in the list"),
        ({"preferred_skills": ["abc"]}, "preferred_skills", "not in the list"),
        ({"occupation": "999999"}, "occupation", "Choose an occupation from the list."),
        ({"pay_min": "-5"}, "pay_min", "Pay can’t be negative."),
        ({"pay_max": "99999999999"}, "pay_max", ""),
        # Pay that can't be real for its unit.
        (
            {"pay_min": "20", "pay_max": "25", "pay_unit": "year"},
            "pay_min",
            "Enter a yearly salary of at least $10,000. If this amount is per hour",
        ),
        (
            {"pay_min": "12000", "pay_max": "25", "pay_unit": "year"},
            "pay_max",
            "Enter a yearly salary of at least $10,000.",
        ),
        (
            {"pay_min": "5", "pay_max": "6", "pay_unit": "hour"},
            "pay_min",
            "Enter an hourly wage of at least $7.25, the federal minimum wage.",
        ),
        (
            {"pay_min": "40000", "pay_max": "50000", "pay_unit": "hour"},
            "pay_min",
            "Enter an hourly wage of at most $500. For a yearly salary, choose",
        ),
        ({"openings": "0"}, "openings", "Offer at least one opening."),
        ({"openings": "501"}, "openings", "Enter at most 500 openings."),
        ({"work_setting": "moon"}, "work_setting", ""),
        ({"pay_unit": "week"}, "pay_unit", ""),
        ({"title": ""}, "title", "Give the job a title."),
        ({"pay_min": ""}, "pay_min", "Enter the lowest pay you offer for this job."),
        ({"pay_max": ""}, "pay_max", "Enter the highest pay you offer. If the pay is fixed"),
        ({"description": "x" * 10_001}, "description", ""),
        ({"closes_on": "not a date"}, "closes_on", ""),
        ({"experience_months": "-1"}, "experience_months", "Enter 0 or more months."),
        ({"experience_months": "121"}, "experience_months", "Enter at most 120 months"),
        ({"experience_months": "a year"}, "experience_months", "Enter a whole number of months"),
        ({"postal_code": "7990"}, "postal_code", "Enter a 5-digit ZIP code, like 79901."),
        ({"postal_code": "79901-12"}, "postal_code", "Enter a 5-digit ZIP code"),
        ({"street_address": "x" * 201}, "street_address", ""),
    ],
)
def test_bad_input_is_a_400_with_the_reason_and_nothing_is_saved(
    client, personas, overrides, field, message
):
    client.force_login(personas.employer)
    response = client.post(reverse("employers:job_create"), job_data(**overrides))
    assert response.status_code == 400
    assert field in response.context["form"].errors
    html = response.content.decode()
    assert 'data-testid="form-errors"' in html
    assert message in html
    assert not Job.objects.exists()


@pytest.mark.parametrize("amount", ["1e99", "99999999999", "-1e99"])
def test_an_absurd_pay_gets_one_clear_error(client, personas, amount):
    client.force_login(personas.employer)
    response = client.post(reverse("employers:job_create"), job_data(pay_max=amount))
    assert response.status_code == 400
    expected = "Pay can’t be negative." if amount.startswith("-") else "Enter at most 1,000,000."
    assert response.context["form"].errors["pay_max"] == [expected]
    assert "digits" not in response.content.decode()
    assert not Job.objects.exists()


def test_every_empty_field_says_what_to_do_in_both_languages(client, personas):
    client.force_login(personas.employer)
    empty = {"location": "", "openings": "", "title": "", "pay_unit": ""}
    response = client.post(reverse("employers:job_create"), job_data(**empty))
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert errors["location"] == [
        "Enter the city and state, or for a remote job where the team is."
    ]
    assert errors["openings"] == ["Enter how many people you want to hire for this job."]
    personas.employer.preferred_language = "es"
    personas.employer.save()
    response = client.post(localized(reverse("employers:job_create"), "es"), job_data(**empty))
    errors = response.context["form"].errors
    assert errors["location"] == [
        "Escriba la ciudad y el estado o, para un empleo remoto, dónde está el equipo."
    ]
    assert errors["openings"] == ["Escriba cuántas personas quiere contratar para este empleo."]
    assert errors["title"] == ["Escriba el nombre del puesto."]
    assert "Este campo es obligatorio." not in response.content.decode()


def test_an_empty_post_is_a_400_not_a_500(client, personas):
    client.force_login(personas.employer)
    response = client.post(reverse("employers:job_create"), {})
    assert response.status_code == 400
    assert not Job.objects.exists()


def test_a_pending_employer_can_prepare_drafts(client, personas):
    client.force_login(personas.pending_employer)
    response = client.post(reverse("employers:job_create"), job_data())
    assert response.status_code == 302
    job = Job.objects.get()
    assert job.employer == personas.orgs.pending and job.status == "draft"


def test_editing_a_draft_keeps_it_a_draft(client, personas):
    job = JobFactory(employer=personas.orgs.employer, status="draft", title="Old Title")
    client.force_login(personas.employer)
    form = client.get(reverse("employers:job_edit", args=[job.pk])).content.decode()
    assert 'value="Old Title"' in form
    response = client.post(
        reverse("employers:job_edit", args=[job.pk]), job_data(title="New Title")
    )
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.title == "New Title" and job.status == "draft"
    assert set(job.required_skills.values_list("slug", flat=True)) == {"help-desk", "linux"}


def test_editing_a_published_job_sends_it_back_for_review(client, personas):
    job = JobFactory(employer=personas.orgs.employer, title="Live Job")
    client.force_login(personas.employer)
    form = client.get(reverse("employers:job_edit", args=[job.pk])).content.decode()
    assert 'data-testid="back-to-review"' in form
    response = client.post(reverse("employers:job_edit", args=[job.pk]), job_data())
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.status == "pending"
    html = client.get(response["Location"]).content.decode()
    assert "The job is back in review" in html


def test_a_refused_edit_keeps_the_saved_title_and_changes_nothing(client, personas):
    job = JobFactory(employer=personas.orgs.employer, title="Saved Title", status="draft")
    client.force_login(personas.employer)
    response = client.post(
        reverse("employers:job_edit", args=[job.pk]),
        job_data(title="Unsaved Title", pay_min="50", pay_max="10"),
    )
    assert response.status_code == 400
    assert "Edit “Saved Title”" in response.content.decode()
    job.refresh_from_db()
    assert job.title == "Saved Title"
    assert set(job.required_skills.values_list("slug", flat=True)) == {"git", "python"}


def test_a_closed_job_cannot_be_edited(client, personas):
    job = JobFactory(employer=personas.orgs.employer, status="closed", title="Closed Job")
    client.force_login(personas.employer)
    response = client.get(reverse("employers:job_edit", args=[job.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("employers:job_detail", args=[job.pk])
    response = client.post(reverse("employers:job_edit", args=[job.pk]), job_data())
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.title == "Closed Job" and job.status == "closed"
    html = client.get(reverse("employers:job_detail", args=[job.pk])).content.decode()
    assert "A closed job cannot be edited." in html


# ---------------------------------------------------------------------------
# The job's page for its employer
# ---------------------------------------------------------------------------
def test_detail_shows_details_actions_and_links(client, personas):
    job = JobFactory(
        employer=personas.orgs.employer, title="Help Desk Technician", preferred_skills=["sql"]
    )
    ApplicationFactory(job=job)
    client.force_login(personas.employer)
    html = client.get(reverse("employers:job_detail", args=[job.pk])).content.decode()
    assert "Help Desk Technician" in html and "Published" in html
    assert reverse("employers:pipeline", kwargs={"pk": job.pk}) in html and "1 applicant" in html
    assert reverse("employers:job", args=[job.slug]) in html  # the public page
    assert reverse("employers:job_edit", args=[job.pk]) in html
    assert reverse("employers:job_close", args=[job.pk]) in html
    assert reverse("employers:job_submit", args=[job.pk]) not in html  # already published
    assert "Structured Query Language (SQL)" in html


def test_detail_of_a_sent_back_draft_shows_the_review_note(client, personas):
    job = JobFactory(
        employer=personas.orgs.employer,
        status="draft",
        review_note="Please add the pay range for evenings.",
    )
    client.force_login(personas.employer)
    html = client.get(reverse("employers:job_detail", args=[job.pk])).content.decode()
    assert 'data-testid="review-note"' in html
    assert "Please add the pay range for evenings." in html
    assert reverse("employers:job_submit", args=[job.pk]) in html
    assert 'data-testid="public-link"' not in html


def test_an_expired_job_shows_as_expired_without_a_public_link(client, personas):
    job = JobFactory(
        employer=personas.orgs.employer, closes_on=timezone.localdate() - timedelta(days=1)
    )
    client.force_login(personas.employer)
    html = client.get(reverse("employers:job_detail", args=[job.pk])).content.decode()
    assert "Expired" in html and 'data-testid="public-link"' not in html


# ---------------------------------------------------------------------------
# Sending for review and closing
# ---------------------------------------------------------------------------
def test_sending_a_draft_for_review(client, personas):
    job = JobFactory(employer=personas.orgs.employer, status="draft", review_note="Fix it")
    client.force_login(personas.employer_member)
    response = client.post(reverse("employers:job_submit", args=[job.pk]))
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.status == "pending" and job.submitted_at and job.review_note == ""
    html = client.get(response["Location"]).content.decode()
    assert "is sent for review" in html and "Waiting for review" in html


def test_a_pending_employer_cannot_send_a_job_for_review(client, personas):
    job = JobFactory(employer=personas.orgs.pending, status="draft")
    client.force_login(personas.pending_employer)
    detail = client.get(reverse("employers:job_detail", args=[job.pk])).content.decode()
    assert reverse("employers:job_submit", args=[job.pk]) not in detail  # no button
    response = client.post(reverse("employers:job_submit", args=[job.pk]))
    assert response.status_code == 400
    assert "Your organization is waiting for approval" in response.content.decode()
    job.refresh_from_db()
    assert job.status == "draft" and job.submitted_at is None


def test_a_job_without_required_skills_cannot_be_sent(client, personas):
    job = JobFactory(employer=personas.orgs.employer, status="draft", required_skills=[])
    client.force_login(personas.employer)
    response = client.post(reverse("employers:job_submit", args=[job.pk]))
    assert response.status_code == 400
    assert "Choose at least one required skill." in response.content.decode()
    job.refresh_from_db()
    assert job.status == "draft"


@pytest.mark.parametrize("status", ["pending", "published", "closed"])
def test_only_drafts_are_sent_for_review(client, personas, status):
    job = JobFactory(employer=personas.orgs.employer, status=status)
    client.force_login(personas.employer)
    response = client.post(reverse("employers:job_submit", args=[job.pk]))
    assert response.status_code == 400
    assert "Only a draft can be sent for review." in response.content.decode()
    job.refresh_from_db()
    assert job.status == status


def test_closing_a_job(client, personas):
    job = JobFactory(employer=personas.orgs.employer, title="Help Desk Technician")
    client.force_login(personas.employer)
    url = reverse("employers:job_close", args=[job.pk])
    detail = client.get(reverse("employers:job_detail", args=[job.pk])).content.decode()
    assert f'href="{url}"' in detail  # a link to the confirmation, not a one-click form
    confirm = client.get(url)
    assert confirm.status_code == 200
    assert "This can't be undone" in confirm.content.decode()
    assert Job.objects.get(pk=job.pk).status == "published"  # asking changed nothing
    response = client.post(url, {"confirm": "yes"})
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.status == "closed" and job.closed_at
    html = client.get(response["Location"]).content.decode()
    assert "is closed" in html
    assert reverse("employers:job_close", args=[job.pk]) not in html
    assert client.get(reverse("employers:job", args=[job.slug])).status_code == 404


def test_closing_twice_is_a_400(client, personas):
    job = JobFactory(employer=personas.orgs.employer, status="closed")
    closed_at = job.closed_at
    client.force_login(personas.employer)
    response = client.post(reverse("employers:job_close", args=[job.pk]))
    assert response.status_code == 400
    assert "This job is already closed." in response.content.decode()
    job.refresh_from_db()
    assert job.closed_at == closed_at


@pytest.mark.parametrize(
    "pay_min,pay_max,unit",
    [("7.25", "7.25", "hour"), ("500", "500", "hour"), ("10000", "1000000", "year")],
)
def test_pay_limits_are_inclusive(client, personas, pay_min, pay_max, unit):
    client.force_login(personas.employer)
    data = job_data(pay_min=pay_min, pay_max=pay_max, pay_unit=unit)
    assert client.post(reverse("employers:job_create"), data).status_code == 302
    assert Job.objects.get().pay_unit == unit


def test_editing_a_job_keeps_to_the_pay_limits(client, personas):
    job = JobFactory(employer=personas.orgs.employer, title="Help Desk Technician")
    client.force_login(personas.employer)
    response = client.post(
        reverse("employers:job_edit", args=[job.pk]),
        job_data(title="Help Desk Technician", pay_min="20", pay_max="25", pay_unit="year"),
    )
    assert response.status_code == 400
    assert "Enter a yearly salary of at least $10,000." in response.content.decode()
    job.refresh_from_db()
    assert job.pay_unit == "hour" and job.status == "published"


def test_save_job_refuses_pay_out_of_bounds_without_the_form(personas):
    """The service keeps the limits too (seed data, the shell), field by field."""
    job = JobFactory(employer=personas.orgs.employer, title="Help Desk Technician")
    data = {"pay_min": Decimal("20"), "pay_max": Decimal("25"), "pay_unit": "year"}
    with pytest.raises(ValidationError) as caught:
        save_job(
            employer=personas.orgs.employer,
            job=job,
            data=data,
            required_skills=list(job.required_skills.all()),
            preferred_skills=[],
            actor=personas.employer,
        )
    assert set(caught.value.message_dict) == {"pay_min", "pay_max"}
    job.refresh_from_db()
    assert job.pay_unit == "hour"


def test_closing_needs_the_confirmation(client, personas):
    """A POST without the confirmation page's button (an old page, a script) closes nothing."""
    job = JobFactory(employer=personas.orgs.employer, title="Help Desk Technician")
    client.force_login(personas.employer)
    for data in [{}, {"confirm": "no"}]:
        response = client.post(reverse("employers:job_close", args=[job.pk]), data)
        assert response.status_code == 400
        html = response.content.decode()
        assert 'data-testid="confirm-error"' in html
        assert "The job is still open: press “Yes, close the job” to close it." in html
        assert 'name="confirm" value="yes"' in html  # the button to confirm, right there
    job.refresh_from_db()
    assert job.status == "published" and job.closed_at is None
    assert client.get(reverse("employers:job", args=[job.slug])).status_code == 200


def test_the_close_page_of_a_closed_job_explains_instead_of_failing(client, personas):
    job = JobFactory(employer=personas.orgs.employer, status="closed")
    client.force_login(personas.employer)
    response = client.get(reverse("employers:job_close", args=[job.pk]), follow=True)
    assert response.redirect_chain == [(reverse("employers:job_detail", args=[job.pk]), 302)]
    assert "This job is already closed." in response.content.decode()
