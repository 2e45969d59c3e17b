"""The goal dashboard in a real Chromium: each chart draws the same numbers as the table
under it, in English and in Spanish, and the page passes axe."""

from datetime import date

import pytest

from apps.goals import snapshots
from tests.browser.test_accessibility import axe_violations
from tests.browser.test_header import sign_in
from tests.factories import OrganizationFactory
from tests.goals.builders import hire, reboot_goal

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHART = """id => {
  const chart = document.getElementById('chart-' + id).chart;
  return {labels: chart.data.labels, data: chart.data.datasets.map(d => d.data)};
}"""
TABLE = """id => [...document.querySelectorAll('[data-testid="table-' + id + '"] tbody tr')]
  .map(tr => [...tr.children].map(cell => cell.innerText.trim()))"""


def number(text: str) -> float:
    # Spanish writes decimals with a comma.
    return float(text.replace(",", "."))


@pytest.mark.parametrize(
    ("language", "heading", "occupation"),
    [
        ("en", "People hired by month", "Software Developers"),
        ("es", "Personas contratadas por mes", "Desarrolladores de software"),
    ],
)
def test_each_chart_shows_the_numbers_of_its_table(page, personas, language, heading, occupation):
    goal = reboot_goal()
    sun, franklin = OrganizationFactory(name="Desert Code"), OrganizationFactory(name="Franklin")
    for i in range(14):
        hire(
            sun if i % 2 else franklin,
            date(2018 + i % 3, 1 + i % 12, 10),
            soc=("15-1252", "15-1232")[i % 2],
        )
    snapshots.refresh_snapshot(goal=goal)
    sign_in(page, personas.staff, language)
    page.goto(page.base_url + "/staff/goal/")
    assert page.locator("html").get_attribute("lang") == language
    assert page.get_by_role("heading", name=heading).is_visible()
    page.wait_for_selector("#chart-months[data-chart-ready]")

    months, rows = page.evaluate(CHART, "months"), page.evaluate(TABLE, "months")
    assert months["labels"] == [row[0] for row in rows]
    assert len(rows) == 49  # December 2016 to December 2020
    running_total, pace_line, target = months["data"][:3]
    assert running_total == [number(row[1]) for row in rows]
    assert pace_line == [number(row[2]) for row in rows]
    assert target == [400] * 49
    assert running_total[-1] == 14

    occupations = page.evaluate(CHART, "occupations")
    table = page.evaluate(TABLE, "occupations")
    assert occupations["labels"] == [row[1] for row in table]
    assert occupation in occupations["labels"]
    assert occupations["data"][0] == [number(row[2]) for row in table]
    assert axe_violations(page) == []


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_public_progress_page_passes_axe(page, language):
    goal = reboot_goal()
    employer = OrganizationFactory(name="Desert Code")
    for i in range(12):
        hire(employer, date(2019, 1 + i, 10))
    snapshots.refresh_snapshot(goal=goal)
    page.context.add_cookies(
        [{"name": "techhire_language", "value": language, "url": page.base_url}]
    )
    page.goto(page.base_url + "/progress/")
    assert page.locator("html").get_attribute("lang") == language
    assert page.get_by_test_id("headline-people").inner_text().startswith("12")
    assert axe_violations(page) == []
