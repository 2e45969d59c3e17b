"""The job search and the training catalog on a 360 px phone and a 1280 px desktop, in both
languages: on the phone the search box, then the results, with the other filters folded
into a native "More filters" <details>; on the desktop every filter shows in its column."""

import re

import pytest
from django.urls import reverse

from apps.core.i18n import localized
from tests.browser.test_accessibility import axe_violations
from tests.factories.employers import JobFactory
from tests.factories.trainings import published_cohort

PAGES = {
    "jobs": (reverse("employers:search"), "#results [data-testid=job-card]"),
    "trainings": (reverse("trainings:catalog"), "#results .usa-card"),
}
# What a person sees: rendered, not inside a closed <details>, and not a zero-size box.
SHOWN = """selector => {
  const el = document.querySelector(selector), box = el.getBoundingClientRect();
  return el.checkVisibility({visibilityProperty: true}) && box.width > 0 && box.height > 0;
}"""


@pytest.fixture
def listings(personas):
    for n, schedule in enumerate(["day", "evening", "weekend"]):
        JobFactory(employer=personas.orgs.employer, title=f"Help Desk Technician {n}")
        published_cohort(title=f"Python {schedule.title()}s", schedule=schedule)


def in_language(tab, language):
    tab.context.add_cookies([{"name": "techhire_language", "value": language, "url": tab.base_url}])


def is_open(tab) -> bool:
    return tab.locator("[data-testid=more-filters]").evaluate("details => details.open")


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("which", PAGES)
@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_on_a_phone_the_first_result_shows_before_the_filters(phone, listings, which, language):
    path, card = PAGES[which]
    in_language(phone, language)
    phone.goto(phone.base_url + localized(path, language))
    assert phone.locator("html").get_attribute("lang") == language
    first = phone.locator(card).first.bounding_box()
    assert first["y"] <= 900, f"the first result starts {first['y']:.0f} px down"
    assert phone.evaluate(SHOWN, "#id_q")  # the search box stays in view
    assert not is_open(phone)
    assert phone.evaluate(SHOWN, "[data-testid=more-filters] > summary")
    assert not phone.evaluate(SHOWN, "#id_skill")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    assert axe_violations(phone) == []
    # One tap on "More filters" shows the rest, still without any script of ours.
    phone.locator("[data-testid=more-filters] > summary").click()
    assert is_open(phone)
    assert phone.evaluate(SHOWN, "#id_skill") and phone.evaluate(SHOWN, "#id_sort")
    assert axe_violations(phone) == []


@pytest.mark.parametrize("which", PAGES)
@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_on_a_phone_filters_in_use_show_unfolded(phone, listings, which):
    path, card = PAGES[which]
    phone.goto(phone.base_url + path + "?schedule=evening")
    assert is_open(phone)
    assert phone.evaluate(SHOWN, "#id_schedule")
    assert phone.locator("#id_schedule").input_value() == "evening"


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("which", PAGES)
@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_on_a_desktop_every_filter_shows(page, listings, which, language):
    path, card = PAGES[which]
    in_language(page, language)
    page.goto(page.base_url + localized(path, language))
    assert not is_open(page)  # closed, as on a phone: the style sheet shows its content
    assert not page.evaluate(SHOWN, "[data-testid=more-filters] > summary")
    form = page.locator("form[role=search]")
    for control in form.locator("select, input:not([type=hidden])").all():
        selector = "#" + control.get_attribute("id")
        assert page.evaluate(SHOWN, selector), f"{selector} is hidden on a desktop"
        assert control.bounding_box()["x"] < page.locator(card).first.bounding_box()["x"]
    # Screen readers find them too, although the <details> is closed.
    cdp = page.context.new_cdp_session(page)
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": "#id_skill"})["nodeId"]
    [skill] = cdp.send("Accessibility.getPartialAXTree", {"nodeId": node, "fetchRelatives": False})[
        "nodes"
    ]
    assert not skill["ignored"] and skill["role"]["value"] == "combobox"
    # Filtering works as before, from the column.
    page.select_option("#id_schedule", "evening")
    page.wait_for_url(re.compile(r"schedule=evening"))
    assert axe_violations(page) == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    "params,unfolded",
    [
        ({}, False),
        ({"q": "python"}, False),
        ({"sort": "relevance", "within": ""}, False),
        ({"format": "remote"}, True),
        ({"within": "4"}, True),
        ({"language": "es"}, True),
        ({"affordable": "on", "q": "python"}, True),
        ({"sort": "cost"}, True),
    ],
)
def test_the_catalog_unfolds_more_filters_when_one_is_in_use(client, params, unfolded):
    html = client.get(reverse("trainings:catalog"), params).content.decode()
    [tag] = re.findall(r'<details class="portal-more-filters"[^>]*>', html)
    assert tag.endswith(" open>") is unfolded
    folded = html[html.index(tag) : html.index("</details>")]
    assert 'id="id_q"' not in folded and 'id="id_skill"' in folded and 'id="id_sort"' in folded
