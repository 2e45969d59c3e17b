"""The goal dashboard, its CSV exports and filters, goal settings, the staff home page's
headline, and the public progress page and feed."""

import csv
import io
import json
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.core.i18n import localized
from apps.employers.models import HireStatus
from apps.goals import snapshots
from apps.goals.models import Goal
from tests.factories import OrganizationFactory, UserFactory

from .builders import hire, reboot_goal

pytestmark = pytest.mark.django_db

TODAY = date(2026, 12, 6)


@pytest.fixture
def goal():
    return reboot_goal()


@pytest.fixture
def employers():
    return OrganizationFactory(name="Desert Code Works"), OrganizationFactory(name="Franklin IT")


def hires(employers, count, *, year=2018):
    sun, franklin = employers
    for i in range(count):
        hire(sun if i % 2 else franklin, date(year, 1 + i % 12, 1 + i % 28))


def csv_rows(response):
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_dashboard_shows_the_snapshot_numbers_tables_and_chart_data(
    client, personas, goal, employers
):
    hires(employers, 12)
    hire(employers[0], date(2019, 3, 1), status=HireStatus.REPORTED)
    snapshots.refresh_snapshot(goal=goal)
    client.force_login(personas.staff)
    response = client.get(reverse("goals:dashboard"))
    assert response.status_code == 200
    html = response.content.decode()
    assert response.context["headline"]["people"] == 12
    assert 'data-testid="headline-people"' in html
    assert 'id="goal-charts"' in html
    charts = {c["id"]: c for c in response.context["charts"]}
    months = next(t for t in response.context["tables"] if t.slug == "months")
    # The chart's running total is the table's column, cell for cell.
    assert charts["months"]["datasets"][0]["data"] == [row[1] for row in months.rows]
    assert months.rows[-1][1] == 12
    assert reverse("employers:hire_queue") + "?status=reported" in html
    assert response.context["data"]["backlog"]["count"] == 1
    for slug in ["headline", "months", "occupations", "employers", "populations", "funnel"]:
        assert reverse("goals:export", args=[goal.pk, slug]) in html
    assert 'data-testid="empty-partners"' in html  # zero state until partners exist
    assert "<script>" not in html  # CSP: no inline scripts


def test_definitions_are_one_click_away_in_both_languages(client, personas, goal):
    snapshots.refresh_snapshot(goal=goal)
    client.force_login(personas.staff)
    html = client.get(reverse("goals:dashboard")).content.decode()
    assert html.count('<details class="goal-definition') >= 10
    assert "On-track rule: divide the percent of goal by the percent of time" in html
    personas.staff.preferred_language = "es"
    personas.staff.save()
    html = client.get(localized(reverse("goals:dashboard"), "es")).content.decode()
    assert "Regla de avance" in html


def test_the_dashboard_reads_snapshots_in_a_fixed_number_of_queries(
    client, personas, goal, employers
):
    client.force_login(personas.staff)
    url = reverse("goals:dashboard")

    def count():
        snapshots.refresh_snapshot(goal=goal)
        client.get(url)  # warm caches (session, content types)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    hires(employers, 3)
    small = count()
    hires(employers, 60, year=2019)
    assert count() == small


def test_csv_has_the_same_numbers_as_the_table(client, personas, goal, employers):
    hires(employers, 12)
    snapshots.refresh_snapshot(goal=goal)
    client.force_login(personas.staff)
    response = client.get(reverse("goals:export", args=[goal.pk, "employers"]))
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = csv_rows(response)
    assert rows[0][:3] == ["Employer", "People hired", "Jobs filled"]
    assert sorted((r[0], r[1]) for r in rows[1:]) == [
        ("Desert Code Works", "6"),
        ("Franklin IT", "6"),
    ]
    headline = dict(csv_rows(client.get(reverse("goals:export", args=[goal.pk, "headline"])))[1:])
    assert headline["People hired"] == "12"
    assert headline["Target"] == "400"
    assert client.get(reverse("goals:export", args=[goal.pk, "nope"])).status_code == 404


def test_filters_compute_live_from_the_matching_hires(client, personas, goal, employers):
    hires(employers, 12)
    snapshots.refresh_snapshot(goal=goal)
    client.force_login(personas.staff)
    response = client.get(reverse("goals:dashboard"), {"employer": employers[0].pk})
    assert response.status_code == 200
    assert response.context["filtered"] is True
    assert response.context["headline"]["people"] == 6
    assert 'data-testid="filtered-notice"' in response.content.decode()
    rows = csv_rows(
        client.get(
            reverse("goals:export", args=[goal.pk, "headline"]),
            {"start_from": "2018-01-01", "start_to": "2018-03-31"},
        )
    )
    assert dict(rows[1:])["People hired"] == "3"


@pytest.mark.parametrize(
    "params",
    [
        {"start_from": "not a date"},
        {"start_from": "2019-05-01", "start_to": "2019-01-01"},
        {"employer": "999999"},
        {"occupation": "abc"},
    ],
)
def test_bad_filters_answer_400_with_a_message(client, personas, goal, params):
    snapshots.refresh_snapshot(goal=goal)
    client.force_login(personas.staff)
    response = client.get(reverse("goals:dashboard"), params)
    assert response.status_code == 400
    assert "usa-error-message" in response.content.decode()
    csv_response = client.get(reverse("goals:export", args=[goal.pk, "months"]), params)
    assert csv_response.status_code == 400


GOOD = {
    "name": "Reboot El Paso 2030",
    "target": "600",
    "start": "2026-01-01",
    "end": "2030-12-31",
    "counting_rule_en": "Verified tech hires count.",
    "counting_rule_es": "Cuentan las contrataciones tecnológicas verificadas.",
}


def test_staff_set_up_the_next_goal(client, personas, goal, django_capture_on_commit_callbacks):
    client.force_login(personas.staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("goals:goal_create"), GOOD)
    created = Goal.objects.get(name="Reboot El Paso 2030")
    assert response.status_code == 302
    assert response["Location"] == reverse("goals:dashboard_for", args=[created.pk])
    assert created.target == 600
    assert created.snapshots.count() == 1  # computed after commit (eager in tests)
    # It runs today, so it is the current goal now.
    assert client.get(reverse("goals:dashboard")).context["goal"] == created


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"end": "2025-01-01"}, "end"),
        ({"target": "0"}, "target"),
        ({"target": "many"}, "target"),
        ({"name": ""}, "name"),
        ({"start": "2026-02-30"}, "start"),
        ({"counting_rule_es": ""}, "counting_rule_es"),
    ],
)
def test_bad_goal_input_is_refused_and_nothing_is_saved(client, personas, goal, change, field):
    client.force_login(personas.staff)
    before = Goal.objects.count()
    response = client.post(reverse("goals:goal_create"), {**GOOD, **change})
    assert response.status_code == 400
    assert response.context["form"].errors[field]
    assert Goal.objects.count() == before


def test_staff_edit_a_goal(client, personas, goal, django_capture_on_commit_callbacks):
    client.force_login(personas.staff)
    data = {
        **GOOD,
        "name": "Reboot El Paso",
        "start": "2016-12-01",
        "end": "2020-12-31",
        "target": "450",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("goals:goal_edit", args=[goal.pk]), data)
    assert response.status_code == 302
    goal.refresh_from_db()
    assert goal.target == 450
    assert goal.snapshots.get().data["headline"]["target"] == 450


def test_the_staff_home_page_shows_the_headline_and_links_to_the_dashboard(
    client, personas, goal, employers
):
    hires(employers, 11)
    snapshots.refresh_snapshot(goal=goal)
    client.force_login(personas.staff)
    html = client.get(reverse("dashboard")).content.decode()
    assert 'data-testid="goal-card"' in html
    assert reverse("goals:dashboard") in html
    assert 'data-testid="headline-people">\n        11' in html or ">11<" in html.replace(
        " ", ""
    ).replace("\n", "")


def test_other_roles_do_not_see_the_goal_card(client, personas, goal):
    client.force_login(personas.employer)
    assert 'data-testid="goal-card"' not in client.get(reverse("dashboard")).content.decode()


# ---------------------------------------------------------------------------
# Public
# ---------------------------------------------------------------------------
def test_public_page_and_feed_show_the_staff_headline_numbers(client, personas, goal, employers):
    hires(employers, 12)
    snapshot = snapshots.refresh_snapshot(goal=goal)
    page = client.get(reverse("goals:progress"))
    assert page.status_code == 200
    assert page.context["headline"]["people"] == snapshot.people == 12
    feed = client.get(reverse("progress_feed"))
    data = json.loads(feed.content)
    assert data["people_hired"] == 12
    assert data["jobs_filled"] == 12
    assert data["percent_of_goal"] == 3.0
    assert data["status"] == snapshot.status == "missed"
    assert data["goal"] == {
        "name": "Reboot El Paso",
        "target": 400,
        "start": "2016-12-01",
        "end": "2020-12-31",
        "counting_rule": {"en": goal.counting_rule_en, "es": goal.counting_rule_es},
    }
    assert data["by_year"] == [
        {"year": 2016, "people_hired": None, "running_total": None},
        {"year": 2017, "people_hired": None, "running_total": None},
        {"year": 2018, "people_hired": 12, "running_total": 12},
        {"year": 2019, "people_hired": None, "running_total": 12},
        {"year": 2020, "people_hired": None, "running_total": 12},
    ]
    assert "@" not in feed.content.decode()  # no email addresses, no personal data
    # The staff view shows the same headline.
    client.force_login(personas.staff)
    assert client.get(reverse("goals:dashboard")).context["headline"]["people"] == 12


def test_counts_under_ten_are_suppressed_in_public(client, goal, employers):
    hires(employers, 9)
    snapshots.refresh_snapshot(goal=goal)
    data = json.loads(client.get(reverse("progress_feed")).content)
    assert data["people_hired"] is None
    assert data["jobs_filled"] is None
    assert data["percent_of_goal"] is None  # it would reveal the count
    assert data["suppressed_below"] == 10
    html = client.get(reverse("goals:progress")).content.decode()
    assert 'data-testid="headline-suppressed"' in html
    assert ">9<" not in html.replace(" ", "").replace("\n", "")


def test_the_feed_has_no_language_and_links_the_page_in_each(client, goal, employers):
    hires(employers, 10)
    snapshots.refresh_snapshot(goal=goal)
    url = reverse("progress_feed")
    assert url == "/progress.json"
    spanish_browser = json.loads(client.get(url, HTTP_ACCEPT_LANGUAGE="es").content)
    assert spanish_browser["page"] == "http://testserver/en/progress/"
    assert spanish_browser["pages"] == {
        "en": "http://testserver/en/progress/",
        "es": "http://testserver/es/progress/",
    }
    assert client.get(spanish_browser["pages"]["es"]).status_code == 200


def test_feed_caching_headers_and_conditional_get(client, goal, employers):
    hires(employers, 10)
    snapshots.refresh_snapshot(goal=goal)
    response = client.get(reverse("progress_feed"))
    assert json.loads(response.content)["people_hired"] == 10  # 10 is shown, 9 is not
    assert "public" in response["Cache-Control"]
    assert "max-age=300" in response["Cache-Control"]
    assert response["Access-Control-Allow-Origin"] == "*"
    etag = response["ETag"]
    again = client.get(reverse("progress_feed"), HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again["ETag"] == etag
    # A recompute changes the ETag.
    snapshots.refresh_snapshot(goal=goal)
    changed = client.get(reverse("progress_feed"), HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed["ETag"] != etag


def test_feed_and_page_before_any_snapshot(client, goal):
    assert json.loads(client.get(reverse("progress_feed")).content)["goal"] is None
    html = client.get(reverse("goals:progress")).content.decode()
    assert 'data-testid="progress-empty"' in html


def test_the_progress_page_is_in_the_main_navigation(client):
    html = client.get(reverse("home")).content.decode()
    assert f'href="{reverse("goals:progress")}"' in html
    assert "Progress toward 400" in html


def test_a_seeker_gets_404_from_the_dashboard(client, goal):
    client.force_login(UserFactory())
    assert client.get(reverse("goals:dashboard")).status_code == 404
    assert client.get(reverse("goals:export", args=[goal.pk, "months"])).status_code == 404


def test_the_feed_touches_no_table_while_its_snapshot_is_cached(client, goal, employers):
    hires(employers, 10)
    snapshots.refresh_snapshot(goal=goal)
    with CaptureQueriesContext(connection) as first:
        client.get(reverse("progress_feed"))  # builds and caches this revision's answer
    assert all('"data"' not in q["sql"] for q in first.captured_queries[:-1])
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("progress_feed")).status_code == 200
    assert len(queries) == 0
    # A recompute forgets the cached snapshot: the next request sees the new revision.
    before = client.get(reverse("progress_feed"))["ETag"]
    snapshots.refresh_snapshot(goal=goal)
    assert client.get(reverse("progress_feed"))["ETag"] != before


def test_changing_the_goal_never_breaks_the_public_page(client, personas, goal, employers):
    hires(employers, 10)
    snapshots.refresh_snapshot(goal=goal)
    assert client.get(reverse("progress_feed")).status_code == 200  # caches the snapshot's key
    goal.snapshots.all().delete()  # as saving the goal does, before its recompute
    assert client.get(reverse("goals:progress")).status_code == 200
    assert client.get(reverse("progress_feed")).status_code == 200


def test_with_no_goal_yet_the_dashboard_leads_to_setting_one_up(client, personas):
    Goal.objects.all().delete()
    client.force_login(personas.staff)
    response = client.get(reverse("goals:dashboard"))
    assert response.status_code == 302
    assert response["Location"] == reverse("goals:goal_create")


@pytest.mark.parametrize(
    "language,messages",
    [
        (
            "en",
            {
                "name": "Give the goal a name.",
                "target": "Enter how many people the program promises to hire.",
                "start": "Enter the goal's first day.",
                "end": "Enter the goal's last day.",
                "counting_rule_en": "Write the counting rule in English.",
                "counting_rule_es": "Write the counting rule in Spanish.",
            },
        ),
        (
            "es",
            {
                "name": "Escriba el nombre de la meta.",
                "target": "Escriba cuántas personas promete contratar el programa.",
                "start": "Escriba el primer día de la meta.",
                "end": "Escriba el último día de la meta.",
                "counting_rule_en": "Escriba la regla de conteo en inglés.",
                "counting_rule_es": "Escriba la regla de conteo en español.",
            },
        ),
    ],
)
def test_an_empty_goal_form_says_what_each_field_needs(client, personas, language, messages):
    client.force_login(personas.staff)
    before = Goal.objects.count()
    response = client.post(localized(reverse("goals:goal_create"), language), {})
    assert response.status_code == 400
    assert {f: list(e) for f, e in response.context["form"].errors.items()} == {
        field: [message] for field, message in messages.items()
    }
    assert Goal.objects.count() == before
