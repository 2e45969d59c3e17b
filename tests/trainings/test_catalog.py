"""The public catalog and program pages: search in both languages, filters, htmx, access."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from apps.accounts.models import Organization
from apps.skills.models import Skill
from apps.trainings import services
from apps.trainings.models import Cohort, Enrollment, Program
from tests.factories import OrganizationFactory, UserFactory
from tests.factories.trainings import published_cohort
from tests.search_results import result_titles

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalog_rows():
    python = published_cohort(title="Python Evenings", schedule="evening", skills=("python",))
    support = published_cohort(
        title="IT Support Bootcamp",
        schedule="day",
        skills=("help-desk", "windows-10-11"),
        total_cost=3000,
        cost_after_aid=0,
        wioa_eligible=True,
        language="es",
        days_ahead=90,
    )
    web = published_cohort(
        title="Web Basics Online",
        schedule="self_paced",
        format="remote",
        skills=("html",),
        total_cost=900,
    )
    return {"python": python, "support": support, "web": web}


def titles(response) -> list[str]:
    return result_titles(response)


def test_catalog_lists_published_programs_only(client, catalog_rows):
    draft = published_cohort(title="Secret Draft")
    Program.objects.filter(pk=draft.program.pk).update(status="draft")
    pending_provider = OrganizationFactory(
        name="Pending Academy", kind=Organization.Kind.PROVIDER, status="pending"
    )
    published_cohort(title="Pending Provider Course", provider=pending_provider)
    response = client.get(reverse("trainings:catalog"))
    assert response.status_code == 200
    assert sorted(titles(response)) == [
        "IT Support Bootcamp",
        "Python Evenings",
        "Web Basics Online",
    ]


@pytest.mark.parametrize(
    "query,expected",
    [
        ("python", ["Python Evenings"]),
        ("help desk", ["IT Support Bootcamp"]),
        ("mesa de ayuda", ["IT Support Bootcamp"]),  # the Spanish skill label
        ("bootcamps", ["IT Support Bootcamp"]),  # English stemming
        ("nothing-like-this", []),
    ],
)
def test_full_text_search_in_english_and_spanish(client, catalog_rows, query, expected):
    response = client.get(reverse("trainings:catalog"), {"q": query})
    assert titles(response) == expected


@pytest.mark.parametrize(
    "params,expected",
    [
        ({"schedule": "evening"}, ["Python Evenings"]),
        ({"format": "remote"}, ["Web Basics Online"]),
        # Links shared before formats became work settings filter the same way.
        ({"format": "online"}, ["Web Basics Online"]),
        ({"format": "in_person"}, ["IT Support Bootcamp", "Python Evenings"]),
        ({"affordable": "on"}, ["IT Support Bootcamp", "Python Evenings"]),
        ({"language": "es"}, ["IT Support Bootcamp"]),
        ({"within": "8"}, ["Python Evenings", "Web Basics Online"]),
    ],
)
def test_filters(client, catalog_rows, params, expected):
    assert sorted(titles(client.get(reverse("trainings:catalog"), params))) == expected


def test_skill_and_provider_filters(client, catalog_rows):
    python = Skill.objects.get(slug="python")
    assert titles(client.get(reverse("trainings:catalog"), {"skill": python.pk})) == [
        "Python Evenings"
    ]
    provider = catalog_rows["web"].program.provider
    assert titles(client.get(reverse("trainings:catalog"), {"provider": provider.pk})) == [
        "Web Basics Online"
    ]


def test_the_provider_is_a_searchable_name(client, catalog_rows):
    provider = catalog_rows["web"].program.provider
    Organization.objects.filter(pk=provider.pk).update(name="Borderplex Code Academy")
    catalog = reverse("trainings:catalog")
    assert titles(client.get(catalog, {"provider": "code acad"})) == ["Web Basics Online"]
    assert titles(client.get(catalog, {"provider": "nobody teaches"})) == []
    options = client.get(reverse("trainings:provider_options"), {"provider": "borderplex c"})
    assert options.status_code == 200
    assert '<option value="Borderplex Code Academy">' in options.content.decode()
    # A text field with suggestions, not a list of every provider.
    html = client.get(catalog).content.decode()
    assert 'name="provider"' in html and 'list="provider-options"' in html
    assert "<select" not in html.split('name="provider"')[0][-300:]


def test_provider_suggestions_name_only_providers_with_published_programs(client, catalog_rows):
    OrganizationFactory(name="Borderplex Quiet School", kind=Organization.Kind.PROVIDER)
    options = client.get(reverse("trainings:provider_options"), {"provider": "borderplex"})
    assert "Quiet School" not in options.content.decode()
    assert client.get(reverse("trainings:provider_options")).content.decode().strip() == ""


def test_catalog_cards_follow_the_next_class(client, catalog_rows):
    catalog = reverse("trainings:catalog")
    cohort = catalog_rows["web"]
    first = cohort.start_date
    shown = date_format(first, "DATE_FORMAT")
    assert shown in client.get(catalog, {"q": "web"}).content.decode()
    later = first + timedelta(days=62)
    Cohort.objects.filter(pk=cohort.pk).update(
        start_date=later, end_date=later + timedelta(days=60), updated_at=timezone.now()
    )
    html = client.get(catalog, {"q": "web"}).content.decode()
    assert date_format(later, "DATE_FORMAT") in html and shown not in html


def test_sorting_by_cost(client, catalog_rows):
    response = client.get(reverse("trainings:catalog"), {"sort": "cost"})
    assert titles(response) == ["Python Evenings", "Web Basics Online", "IT Support Bootcamp"]


def test_nonsense_filters_are_ignored_not_500(client, catalog_rows):
    response = client.get(
        reverse("trainings:catalog"),
        {"skill": "abc", "within": "999", "sort": "drop table", "page": "-1", "format": "<x>"},
    )
    assert response.status_code == 200
    assert len(titles(response)) == 3


def test_htmx_refresh_returns_only_the_results(client, catalog_rows):
    response = client.get(
        reverse("trainings:catalog"), {"schedule": "evening"}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert "Python Evenings" in html and "<html" not in html
    full = client.get(reverse("trainings:catalog"), {"schedule": "evening"}).content.decode()
    assert 'data-hx-push-url="true"' in full  # the URL stays shareable


def test_empty_states(client):
    html = client.get(reverse("trainings:catalog")).content.decode()
    assert "No trainings are listed yet" in html
    published_cohort()
    html = client.get(reverse("trainings:catalog"), {"q": "zzzz"}).content.decode()
    assert "No training matches these filters" in html


def _bulk_programs(count: int):
    provider = OrganizationFactory(name=f"Bulk Provider {count}", kind=Organization.Kind.PROVIDER)
    skills = list(Skill.objects.order_by("pk")[:3])
    start = timezone.localdate() + timedelta(days=20)
    programs = Program.objects.bulk_create(
        Program(
            provider=provider,
            title=f"Program {count}-{i}",
            slug=f"program-{count}-{i}",
            summary="Summary",
            description="Description",
            format="remote",
            schedule="evening",
            length_weeks=8,
            hours_per_week=5,
            language="en",
            status="published",
            published_at=timezone.now(),
        )
        for i in range(count)
    )
    Program.skills.through.objects.bulk_create(
        Program.skills.through(program_id=p.pk, skill_id=s.pk) for p in programs for s in skills
    )
    Cohort.objects.bulk_create(
        Cohort(
            program=p,
            start_date=start,
            end_date=start + timedelta(weeks=8),
            enrollment_deadline=start,
            seats=20,
            location="Online",
        )
        for p in programs
    )


def _catalog_queries(client) -> tuple[int, int]:
    """Queries of the catalog with its filter choices to compute, then cached."""
    cache.clear()
    counts = []
    for _ in range(2):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("trainings:catalog"), {"sort": "soonest"})
        assert response.status_code == 200
        counts.append(len(queries))
    return tuple(counts)


def test_catalog_query_count_does_not_grow_with_programs(client):
    _bulk_programs(10)
    small = _catalog_queries(client)
    _bulk_programs(490)
    large = _catalog_queries(client)
    assert large == small, f"{small} queries with 10 programs, {large} with 500"


def test_program_page_shows_seats_cost_and_suppressed_outcomes(client, catalog_rows):
    cohort = catalog_rows["support"]
    services.apply(seeker=UserFactory(), cohort=cohort)
    response = client.get(reverse("trainings:program", args=[cohort.program.slug]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "9 seats left" in html
    assert "Free" in html  # cost after funding
    assert "Not shown until at least 10 students have started" in html


def test_program_page_404_for_drafts_and_unknown(client, catalog_rows):
    program = catalog_rows["python"].program
    Program.objects.filter(pk=program.pk).update(status="draft")
    assert client.get(reverse("trainings:program", args=[program.slug])).status_code == 404
    assert client.get(reverse("trainings:program", args=["nope"])).status_code == 404


def test_a_seeker_applies_from_the_program_page(client, catalog_rows):
    seeker = UserFactory()
    client.force_login(seeker)
    cohort = catalog_rows["python"]
    response = client.post(reverse("trainings:apply", args=[cohort.pk]), {"note": "Evenings!"})
    assert response.status_code == 302
    assert response["Location"] == reverse("trainings:mine")
    assert Enrollment.objects.get(seeker=seeker).note == "Evenings!"
    page = client.get(reverse("trainings:program", args=[cohort.program.slug])).content.decode()
    assert "Applied" in page and "Apply for this class" not in page


def test_applying_twice_or_to_a_full_class_is_a_clear_409(client, catalog_rows):
    cohort = published_cohort(title="Tiny class", seats=1)
    first, second = UserFactory(), UserFactory()
    client.force_login(first)
    client.post(reverse("trainings:apply", args=[cohort.pk]))
    response = client.post(reverse("trainings:apply", args=[cohort.pk]))
    assert response.status_code == 409
    assert "You already applied to this class." in response.content.decode()
    client.force_login(second)
    response = client.post(reverse("trainings:apply", args=[cohort.pk]))
    assert response.status_code == 409
    assert "This class is full." in response.content.decode()
    assert Enrollment.objects.count() == 1


def test_a_huge_note_is_refused(client, catalog_rows):
    client.force_login(UserFactory())
    response = client.post(
        reverse("trainings:apply", args=[catalog_rows["python"].pk]), {"note": "x" * 10_000}
    )
    assert response.status_code == 400
    assert not Enrollment.objects.exists()


def test_a_too_long_note_comes_back_with_its_error_on_the_field(client, catalog_rows):
    cohort = catalog_rows["python"]
    client.force_login(UserFactory())
    response = client.post(reverse("trainings:apply", args=[cohort.pk]), {"note": "x" * 2001})
    assert response.status_code == 400
    html = response.content.decode()
    message = "Keep your note to 2,000 characters or fewer (it has 2001)."
    # USWDS: the group and the textarea marked, the message above the field, tied to it.
    field = html.split(f'id="cohort-{cohort.pk}"')[1]
    assert "usa-form-group usa-form-group--error" in field
    assert (
        f'<span class="usa-error-message" id="id_note_{cohort.pk}-error" role="alert">{message}'
        in field
    )
    assert f'class="usa-textarea usa-input--error" name="note" id="id_note_{cohort.pk}"' in field
    assert f'aria-describedby="id_note_{cohort.pk}-error"' in field
    assert "x" * 2001 + "</textarea>" in field  # what they wrote is kept
    # ...and listed at the top of the class dates, linking to the field.
    assert f'<a class="usa-link" href="#id_note_{cohort.pk}">{message}</a>' in html
    assert not Enrollment.objects.exists()


def test_the_other_classes_forms_stay_clean(client, catalog_rows):
    cohort = catalog_rows["python"]
    other = Cohort.objects.create(
        program=cohort.program,
        start_date=cohort.start_date + timedelta(days=60),
        end_date=cohort.end_date + timedelta(days=60),
        enrollment_deadline=cohort.enrollment_deadline + timedelta(days=60),
        seats=5,
        location="Online",
    )
    client.force_login(UserFactory())
    response = client.post(reverse("trainings:apply", args=[cohort.pk]), {"note": "x" * 2001})
    other_form = response.content.decode().split(f'id="cohort-{other.pk}"')[1]
    assert "usa-form-group--error" not in other_form
    assert f'id="id_note_{other.pk}" rows="3" maxlength="2000"></textarea>' in other_form


def test_a_line_break_in_a_note_counts_as_one_character_like_maxlength(client, catalog_rows):
    # 200 lines: 2,000 characters to the browser's maxlength, 2,200 as submitted (CRLF).
    note = "Nine char\r\n" * 200
    client.force_login(seeker := UserFactory())
    response = client.post(
        reverse("trainings:apply", args=[catalog_rows["python"].pk]), {"note": note}
    )
    assert response.status_code == 302
    saved = Enrollment.objects.get(seeker=seeker).note
    assert "\r" not in saved and saved.count("\n") == 199  # the last one is stripped
    assert len(saved) <= 2000


@pytest.mark.parametrize(
    "language,after_funding,total,card",
    [
        ("en", "$350.50", "$1,200", "$351"),
        ("es", "$350.50", "$1,200", "$351"),
    ],
)
def test_money_is_localized_on_the_program_page_and_in_the_catalog(
    client, language, after_funding, total, card
):
    cohort = published_cohort(
        title="Networking Nights",
        total_cost=Decimal("1200.00"),
        cost_after_aid=Decimal("350.50"),
        scholarships=True,
    )
    with translation.override(language):
        program_url = reverse("trainings:program", args=[cohort.program.slug])
        catalog_url = reverse("trainings:catalog")
    html = client.get(program_url).content.decode()
    assert f'lang="{language}"' in html
    assert f'<dd data-testid="cost-after-funding">{after_funding}</dd>' in html
    assert f'<dd data-testid="total-cost">{total}</dd>' in html
    assert "1,200,00" not in html and "1,200.00" not in html
    catalog = client.get(catalog_url).content.decode()
    assert card in catalog and total in catalog  # "$351 ($1,200 before funding)", "$1,200"


def test_only_seekers_apply(client, personas, catalog_rows):
    url = reverse("trainings:apply", args=[catalog_rows["python"].pk])
    client.force_login(personas.employer)
    assert client.post(url).status_code == 403
    client.logout()
    assert client.post(url).status_code == 302
    assert not Enrollment.objects.exists()


def test_applying_to_a_draft_programs_cohort_is_404(client, catalog_rows):
    cohort = catalog_rows["python"]
    Program.objects.filter(pk=cohort.program.pk).update(status="draft")
    client.force_login(UserFactory())
    assert client.post(reverse("trainings:apply", args=[cohort.pk])).status_code == 404


def test_htmx_pushes_a_clean_shareable_address(client, catalog_rows):
    response = client.get(
        reverse("trainings:catalog"),
        {"q": "", "schedule": "evening", "skill": "", "sort": "relevance"},
        HTTP_HX_REQUEST="true",
    )
    assert response["HX-Push-Url"] == "/en/trainings/?schedule=evening"


def test_placement_rate_counts_placed_graduates_and_hides_small_numbers(client):
    from apps.trainings.models import EnrollmentEvent
    from tests.factories import member_of

    # The class starts today: people can still apply (and finish early, with a reason).
    cohort = published_cohort(
        title="Help Desk Basics", seats=20, days_ahead=0, deadline_days_before=0
    )
    teacher = member_of(cohort.program.provider)
    graduates = []
    for _ in range(10):
        enrollment = services.apply(seeker=UserFactory(), cohort=cohort)
        for to in ["accepted", "enrolled"]:
            enrollment = services.change_status(enrollment=enrollment, to=to, actor=teacher)
        enrollment = services.change_status(
            enrollment=enrollment,
            to="completed",
            actor=teacher,
            early_reason="Finished the self-paced modules early.",
        )
        graduates.append(enrollment)
    EnrollmentEvent.objects.update(created_at=timezone.now() - timedelta(days=60))
    # Employers record a placement when staff verify a hire (tests/employers/
    # test_hires_services.py); a second verified hire of the same person changes nothing.
    for enrollment in graduates[:3]:
        assert services.record_placement(enrollment_id=enrollment.pk, placed_at=timezone.now())
    assert not services.record_placement(enrollment_id=graduates[0].pk, placed_at=timezone.now())
    html = client.get(reverse("trainings:program", args=[cohort.program.slug])).content.decode()
    assert "30% of 10 graduates" in html
    Enrollment.objects.filter(pk=graduates[-1].pk).update(
        status="withdrawn", credential_earned=None
    )
    html = client.get(reverse("trainings:program", args=[cohort.program.slug])).content.decode()
    assert "Not shown until at least 10 students have completed" in html


def test_pagination_keeps_the_filters_and_refreshes_with_htmx(client):
    _bulk_programs(25)
    html = client.get(reverse("trainings:catalog"), {"schedule": "evening"}).content.decode()
    assert 'href="?schedule=evening&amp;page=2"' in html
    assert 'data-hx-get="?schedule=evening&amp;page=2"' in html
    assert 'data-hx-target="#results"' in html
    page_two = client.get(reverse("trainings:catalog"), {"schedule": "evening", "page": 2})
    assert len(result_titles(page_two)) == 5
