"""Nothing moves when the web fonts arrive: with the fonts held back (as on a slow phone
connection) the page first lays out in the metric-matched fallback faces, and the swap to
Source Sans Pro and Merriweather shifts the layout by no more than Lighthouse's "good" share.
Spanish pages on desktop used to move by 0.12–0.15: their menu wrapped differently."""

import time

import pytest
from django.urls import reverse
from django.utils import translation

from tests.factories.employers import JobFactory
from tests.factories.trainings import published_cohort

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FONT_DELAY_MS = 400
# The layout shift the page has had (shifts right after input don't count), read once the
# fonts have long arrived.
LAYOUT_SHIFT = """() => new Promise(resolve => {
  let total = 0, fontsSeen = 0;
  new PerformanceObserver(list => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) total += entry.value;
  }).observe({type: "layout-shift", buffered: true});
  document.fonts.ready.then(() => {
    fontsSeen = [...document.fonts].filter(f => f.status === "loaded").length;
    setTimeout(() => resolve({total, fontsSeen}), 300);
  });
})"""


def slow_fonts(tab):
    def late(route):
        time.sleep(FONT_DELAY_MS / 1000)
        route.continue_()

    tab.route("**/*.woff2", late)


def urls(language: str) -> list[str]:
    job = JobFactory(title="Help Desk Analyst")
    program = published_cohort(title="Cloud Support Evenings").program
    with translation.override(language):
        return [
            reverse("home"),
            reverse("employers:search"),
            reverse("employers:job", args=[job.slug]),
            reverse("trainings:catalog"),
            reverse("trainings:program", args=[program.slug]),
        ]


@pytest.mark.parametrize("language", ["es", "en"])
@pytest.mark.parametrize("device", ["page", "phone"])
def test_pages_do_not_shift_when_the_web_fonts_arrive(request, device, language):
    tab = request.getfixturevalue(device)
    tab.context.set_extra_http_headers({"Accept-Language": language})
    slow_fonts(tab)
    for url in urls(language):
        tab.goto(tab.base_url + url)
        shift = tab.evaluate(LAYOUT_SHIFT)
        assert shift["fontsSeen"] >= 2, f"{url}: the web fonts never loaded: {shift}"
        assert shift["total"] <= 0.02, (
            f"{url} ({language}, {device}) shifted by {shift['total']:.3f} when the fonts arrived"
        )
