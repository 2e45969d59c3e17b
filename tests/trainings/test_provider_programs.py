"""A provider lists, adds, edits, publishes and unpublishes its programs."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from apps.accounts.models import Organization
from apps.core.i18n import localized
from apps.skills.models import Occupation, Skill
from apps.trainings.models import Program
from tests.factories import OrganizationFactory, member_of
from tests.factories.trainings import CohortFactory, ProgramFactory
from tests.form_messages import assert_fields_say

pytestmark = pytest.mark.django_db


def program_data(**overrides) -> dict:
    """A complete, valid program form; a value of None leaves the field out of the POST."""
    data = {
        "title": "Cloud Support Fast Track",
        "summary": "Ten weeks to your first help desk or cloud support job.",
        "description": "Linux, networking and the cloud, with a mock interview at the end.",
        "credential": "CompTIA A+ certification",
        "prerequisites": "",
        "skills": list(
            Skill.objects.filter(slug__in=["python", "git"]).values_list("pk", flat=True)
        ),
        "occupations": list(
            Occupation.objects.filter(soc_code="15-1232").values_list("pk", flat=True)
        ),
        "format": "hybrid",
        "schedule": "evening",
        "language": "bilingual",
        "length_weeks": "10",
        "hours_per_week": "12",
        "total_cost": "3000.00",
        "cost_after_aid": "500.00",
        "wioa_eligible": "on",
        "payment_plan": "on",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


@pytest.fixture
def pending_provider(db):
    organization = OrganizationFactory(
        name="Pending Academy",
        kind=Organization.Kind.PROVIDER,
        status=Organization.Status.PENDING,
    )
    return member_of(organization, email="owner@pending-academy.example")


# ---------------------------------------------------------------------------
# The list
# ---------------------------------------------------------------------------
def test_empty_list_invites_the_first_program(client, personas):
    client.force_login(personas.provider)
    response = client.get(reverse("trainings:manage"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Add your first program" in html
    assert reverse("trainings:program_create") in html
    assert 'data-testid="publishing-banner"' not in html  # approved: nothing to explain


def test_list_shows_own_programs_with_status_and_cohort_counts(client, personas):
    mine = ProgramFactory(provider=personas.orgs.provider, title="Help Desk Basics")
    CohortFactory(program=mine)
    CohortFactory(program=mine)
    ProgramFactory(provider=personas.orgs.provider, title="Python Evenings", status="published")
    ProgramFactory(provider=personas.orgs.other_provider, title="Their Secret Course")
    client.force_login(personas.provider)
    html = client.get(reverse("trainings:manage")).content.decode()
    assert "Help Desk Basics" in html and "Python Evenings" in html
    assert "Their Secret Course" not in html
    assert "2 class dates" in html
    assert "Draft" in html and "Published" in html
    assert reverse("trainings:program_edit", args=[mine.pk]) in html
    assert reverse("trainings:cohort_create", args=[mine.pk]) in html
    assert "Add your first program" not in html


def test_pending_provider_sees_why_it_cannot_publish_yet(client, pending_provider):
    client.force_login(pending_provider)
    html = client.get(reverse("trainings:manage")).content.decode()
    assert "Publishing opens after approval" in html
    assert "You can prepare programs and class dates now" in html


def test_list_query_count_does_not_grow_with_programs(client, personas):
    client.force_login(personas.provider)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("trainings:manage")).status_code == 200
        return len(queries)

    ProgramFactory.create_batch(2, provider=personas.orgs.provider)
    few = count()
    for program in ProgramFactory.create_batch(20, provider=personas.orgs.provider):
        CohortFactory(program=program)
    assert count() <= few


# ---------------------------------------------------------------------------
# Adding and editing
# ---------------------------------------------------------------------------
def test_the_form_groups_skills_by_category_and_labels_every_field(client, personas):
    client.force_login(personas.provider)
    response = client.get(reverse("trainings:program_create"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "data-skills-field" in html and "data-skills-search" in html
    assert html.count('data-testid="skill-category"') >= 10
    assert html.count('name="skills"') == Skill.objects.count()
    assert 'class="usa-checkbox__input" type="checkbox" name="occupations"' in html
    assert 'class="usa-checkbox__input" type="checkbox" name="skills"' in html
    for field in ["title", "summary", "length_weeks", "hours_per_week", "total_cost"]:
        assert f'<label class="usa-label" for="id_{field}">' in html
    assert not Program.objects.exists()


def test_provider_adds_a_draft_program(client, personas):
    client.force_login(personas.provider)
    response = client.post(reverse("trainings:program_create"), program_data())
    program = Program.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("trainings:program_detail", args=[program.pk])
    assert program.provider == personas.orgs.provider
    assert program.status == "draft"
    assert program.published_at is None
    assert program.slug == "cloud-support-fast-track"
    assert set(program.skills.values_list("slug", flat=True)) == {"python", "git"}
    assert list(program.occupations.values_list("soc_code", flat=True)) == ["15-1232"]
    assert program.total_cost == Decimal("3000.00") and program.cost_after_aid == Decimal("500")
    assert program.wioa_eligible and program.payment_plan and not program.scholarships
    assert "python" in program.skills_text  # the search document follows the skills
    html = client.get(response["Location"]).content.decode()
    assert "is saved as a draft" in html


@pytest.mark.parametrize(
    "overrides,message",
    [
        ({"cost_after_aid": "3500"}, "can’t be more than the total cost"),
        ({"skills": None}, "Choose at least one skill this program teaches."),
        ({"hours_per_week": "0"}, "Enter between 1 and 80 hours a week."),
        ({"hours_per_week": "81"}, "Enter between 1 and 80 hours a week."),
        ({"length_weeks": "0"}, "A program lasts at least one week."),
        ({"total_cost": "-1"}, "The cost can’t be negative."),
        ({"total_cost": ""}, "Enter the total cost, or 0 if the program is free."),
        ({"title": ""}, "Give the program a title."),
        ({"format": "by pigeon"}, "Select a valid choice."),
        ({"skills": ["999999"]}, "One of the skills chosen is not in the list."),
        ({"summary": "x" * 301}, "at most 300 characters"),
    ],
)
def test_bad_programs_are_400_and_save_nothing(client, personas, overrides, message):
    client.force_login(personas.provider)
    response = client.post(reverse("trainings:program_create"), program_data(**overrides))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert "Please check the program" in response.content.decode()
    assert not Program.objects.exists()


def test_provider_edits_a_program(client, personas):
    program = ProgramFactory(provider=personas.orgs.provider, title="Old Title")
    client.force_login(personas.provider)
    response = client.get(reverse("trainings:program_edit", args=[program.pk]))
    assert response.status_code == 200
    assert "Old Title" in response.content.decode()
    data = program_data(title="New Title", skills=[Skill.objects.get(slug="linux").pk])
    response = client.post(reverse("trainings:program_edit", args=[program.pk]), data)
    assert response.status_code == 302
    program.refresh_from_db()
    assert program.title == "New Title"
    assert program.status == "draft"
    assert list(program.skills.values_list("slug", flat=True)) == ["linux"]
    assert "linux" in program.skills_text


def test_a_bad_edit_changes_nothing(client, personas):
    program = ProgramFactory(provider=personas.orgs.provider, title="Old Title")
    skills_before = set(program.skills.values_list("pk", flat=True))
    client.force_login(personas.provider)
    response = client.post(
        reverse("trainings:program_edit", args=[program.pk]),
        program_data(title="New Title", hours_per_week="100", skills=None),
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Enter between 1 and 80 hours a week." in html
    assert "Choose at least one skill" in html
    assert "Edit “Old Title”" in html  # the saved title, not the one typed
    program.refresh_from_db()
    assert program.title == "Old Title"
    assert set(program.skills.values_list("pk", flat=True)) == skills_before


# ---------------------------------------------------------------------------
# The program page and publishing
# ---------------------------------------------------------------------------
def test_detail_shows_cohorts_with_seats_and_waiting_applicants(client, personas):
    from tests.factories.trainings import EnrollmentFactory

    program = ProgramFactory(provider=personas.orgs.provider, title="Help Desk Basics")
    cohort = CohortFactory(program=program, seats=5, location="Cowork Oasis")
    EnrollmentFactory(cohort=cohort)
    EnrollmentFactory(cohort=cohort, status="accepted")
    EnrollmentFactory(cohort=cohort, status="declined")
    client.force_login(personas.provider)
    response = client.get(reverse("trainings:program_detail", args=[program.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Cowork Oasis" in html
    assert "2 of 5 taken, 3 left" in html
    assert reverse("trainings:roster", args=[cohort.pk]) in html
    assert reverse("trainings:cohort_edit", args=[cohort.pk]) in html
    assert reverse("trainings:cohort_create", args=[program.pk]) in html
    assert 'value="published"' in html  # the publish button
    assert 'data-testid="public-link"' not in html  # a draft has no public page


def test_publishing_needs_a_class_date_and_says_so(client, personas):
    program = ProgramFactory(provider=personas.orgs.provider)
    client.force_login(personas.provider)
    url = reverse("trainings:program_status", args=[program.pk])
    response = client.post(url, {"status": "published"})
    assert response.status_code == 400
    assert (
        "Add at least one upcoming class date (cohort) before publishing."
        in response.content.decode()
    )
    program.refresh_from_db()
    assert program.status == "draft" and program.published_at is None

    CohortFactory(program=program)
    response = client.post(url, {"status": "published"})
    assert response.status_code == 302
    program.refresh_from_db()
    assert program.status == "published" and program.published_at is not None
    html = client.get(response["Location"]).content.decode()
    assert "is published" in html
    public_url = reverse("trainings:program", kwargs={"slug": program.slug})
    assert f'href="{public_url}"' in html
    assert 'value="archived"' in html  # now it can be unpublished


def test_unpublish_and_back_to_draft(client, personas):
    program = ProgramFactory(provider=personas.orgs.provider, status="published")
    CohortFactory(program=program)
    client.force_login(personas.provider)
    url = reverse("trainings:program_status", args=[program.pk])
    assert client.post(url, {"status": "archived"}).status_code == 302
    program.refresh_from_db()
    assert program.status == "archived"
    assert client.post(url, {"status": "draft"}).status_code == 302
    program.refresh_from_db()
    assert program.status == "draft"


@pytest.mark.parametrize("data", [{"status": "deleted"}, {}])
def test_unknown_program_status_is_400(client, personas, data):
    program = ProgramFactory(provider=personas.orgs.provider)
    client.force_login(personas.provider)
    response = client.post(reverse("trainings:program_status", args=[program.pk]), data)
    assert response.status_code == 400
    assert "Choose whether to publish or unpublish the program." in response.content.decode()
    program.refresh_from_db()
    assert program.status == "draft"


def test_status_changes_only_on_post(client, personas):
    program = ProgramFactory(provider=personas.orgs.provider)
    CohortFactory(program=program)
    client.force_login(personas.provider)
    url = reverse("trainings:program_status", args=[program.pk])
    assert client.get(url, {"status": "published"}).status_code == 405
    program.refresh_from_db()
    assert program.status == "draft"


def test_pending_provider_prepares_but_cannot_publish(client, pending_provider):
    today = timezone.localdate()
    client.force_login(pending_provider)
    response = client.post(reverse("trainings:program_create"), program_data())
    assert response.status_code == 302
    program = Program.objects.get()
    assert program.status == "draft"
    response = client.post(
        reverse("trainings:cohort_create", args=[program.pk]),
        {
            "start_date": (today + timedelta(days=90)).isoformat(),
            "end_date": (today + timedelta(days=157)).isoformat(),
            "enrollment_deadline": (today + timedelta(days=80)).isoformat(),
            "seats": "15",
            "location": "Online",
        },
    )
    assert response.status_code == 302
    assert program.cohorts.count() == 1

    detail = client.get(reverse("trainings:program_detail", args=[program.pk])).content.decode()
    assert "Publishing opens after approval" in detail
    assert 'value="published"' not in detail  # no button that can only fail

    response = client.post(
        reverse("trainings:program_status", args=[program.pk]), {"status": "published"}
    )
    assert response.status_code == 400
    assert "Your organization is waiting for approval" in response.content.decode()
    program.refresh_from_db()
    assert program.status == "draft"
    assert not Program.objects.published().exists()


@pytest.mark.parametrize(
    "language,messages",
    [
        (
            "en",
            {
                "title": "Give the program a title.",
                "summary": "Sum up the program in one or two sentences.",
                "description": "Describe what students learn and do.",
                "format": "Choose how the program is taught: in person, online or hybrid.",
                "schedule": "Choose when the classes meet.",
                "language": "Choose the language the program is taught in.",
                "length_weeks": "Enter how many weeks the program lasts.",
                "hours_per_week": "Enter how many hours a week a student should plan for.",
                "total_cost": "Enter the total cost, or 0 if the program is free.",
                "skills": "Choose at least one skill this program teaches.",
            },
        ),
        (
            "es",
            {
                "title": "Escriba el título del programa.",
                "summary": "Resuma el programa en una o dos oraciones.",
                "format": "Elija cómo se imparte el programa: presencial, en línea o híbrido.",
                "length_weeks": "Escriba cuántas semanas dura el programa.",
            },
        ),
    ],
)
def test_an_empty_program_says_what_each_field_needs(client, personas, language, messages):
    client.force_login(personas.provider)
    response = client.post(localized(reverse("trainings:program_create"), language), {})
    assert_fields_say(response, messages)
    assert not Program.objects.exists()


def test_an_absurd_cost_gets_one_clear_error(client, personas):
    client.force_login(personas.provider)
    response = client.post(
        reverse("trainings:program_create"), program_data(total_cost="1e99", cost_after_aid="")
    )
    assert response.status_code == 400
    assert response.context["form"].errors["total_cost"] == ["Enter at most 999,999."]
    assert not Program.objects.exists()
