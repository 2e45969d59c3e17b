"""What search engines and chat apps read in a page's <head>: canonical address, hreflang
alternates, Open Graph and Twitter card tags — in both languages, parsed with extruct."""

import extruct
import pytest
from django.urls import reverse
from django.utils import translation
from lxml import html as lxml_html

from apps.core.i18n import localized
from tests.factories.employers import JobFactory
from tests.factories.partners import EventFactory
from tests.factories.trainings import published_cohort

pytestmark = pytest.mark.django_db

BASE = "http://testserver"


def head_links(page: str) -> dict:
    tree = lxml_html.fromstring(page)
    canonical = tree.xpath('//head/link[@rel="canonical"]/@href')
    alternates = {
        link.get("hreflang"): link.get("href")
        for link in tree.xpath('//head/link[@rel="alternate"][@hreflang]')
    }
    return {"canonical": canonical, "alternates": alternates}


def open_graph(page: str, url: str) -> dict:
    """Open Graph properties as extruct reads them (a list of pairs, several per name)."""
    [data] = extruct.extract(page, base_url=url, syntaxes=["opengraph"])["opengraph"]
    pairs = data["properties"]
    found: dict[str, list[str]] = {}
    for name, value in pairs:
        found.setdefault(name, []).append(value)
    return found


def twitter(page: str) -> dict:
    tree = lxml_html.fromstring(page)
    return {
        m.get("name"): m.get("content")
        for m in tree.xpath('//head/meta[starts-with(@name, "twitter:")]')
    }


@pytest.fixture
def pages():
    job = JobFactory(title="Help Desk Technician")
    program = published_cohort(title="Python Evenings").program
    return {
        "home": (reverse("home"), "Tech jobs and training in El Paso"),
        "job": (reverse("employers:job", args=[job.slug]), "Help Desk Technician"),
        "program": (reverse("trainings:program", args=[program.slug]), "Python Evenings"),
        "organization": (reverse("accounts:public", args=[job.employer.slug]), job.employer.name),
    }


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("kind", ["home", "job", "program", "organization"])
def test_shared_links_show_a_title_a_description_and_a_picture(client, pages, kind, language):
    path, title = pages[kind]
    path = localized(path, language)
    page = client.get(path).content.decode()
    og = open_graph(page, BASE + path)
    assert og["og:url"] == [BASE + path]
    if kind == "home":
        with translation.override(language):
            assert og["og:title"] == [translation.gettext(title)]
    else:
        assert og["og:title"][0].startswith(title)
    assert og["og:description"][0].strip()
    assert og["og:image"] == [BASE + "/static/img/share.png"]
    assert og["og:image:width"] == ["1200"] and og["og:image:height"] == ["630"]
    assert og["og:image:alt"][0].strip()
    locale, other = ("en_US", "es_US") if language == "en" else ("es_US", "en_US")
    assert og["og:locale"] == [locale] and og["og:locale:alternate"] == [other]
    assert og["og:site_name"] == ["Reboot El Paso"]
    card = twitter(page)
    assert card["twitter:card"] == "summary_large_image"
    assert card["twitter:title"] == og["og:title"][0]


def test_the_description_speaks_the_pages_language(client):
    english = open_graph(client.get("/en/").content.decode(), BASE + "/en/")
    spanish = open_graph(client.get("/es/").content.decode(), BASE + "/es/")
    assert english["og:description"] != spanish["og:description"]
    with translation.override("es"):
        assert spanish["og:image:alt"] == [
            translation.gettext(
                "Reboot El Paso: tech jobs and training in El Paso, in English and Spanish"
            )
        ]


def test_the_share_picture_is_a_1200_by_630_png(client):
    from django.contrib.staticfiles import finders

    with open(finders.find("img/share.png"), "rb") as image:
        header = image.read(24)
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    assert int.from_bytes(header[16:20], "big") == 1200
    assert int.from_bytes(header[20:24], "big") == 630


@pytest.mark.parametrize("language", ["en", "es"])
def test_public_pages_have_a_canonical_address_and_their_other_language(client, language):
    job = JobFactory()
    program = published_cohort().program
    event = EventFactory()
    paths = [
        reverse("home"),
        reverse("employers:search"),
        reverse("employers:job", args=[job.slug]),
        reverse("trainings:catalog"),
        reverse("trainings:program", args=[program.slug]),
        reverse("partners:events"),
        reverse("partners:event", args=[event.pk]),
        reverse("accounts:directory"),
        reverse("accounts:public", args=[job.employer.slug]),
        reverse("goals:progress"),
        reverse("contact"),
        reverse("account_login"),
    ]
    for path in paths:
        path = localized(path, language)
        links = head_links(client.get(path).content.decode())
        assert links["canonical"] == [BASE + path], path
        assert links["alternates"] == {
            "en": BASE + localized(path, "en"),
            "es": BASE + localized(path, "es"),
            "x-default": BASE + localized(path, "en"),
        }, path


def test_a_search_is_the_same_page_for_search_engines_but_its_pages_are_not(client):
    links = head_links(client.get("/es/jobs/?q=python&utm_source=chat&page=1").content.decode())
    assert links["canonical"] == [BASE + "/es/jobs/"]
    links = head_links(client.get("/es/jobs/?q=python&page=2").content.decode())
    assert links["canonical"] == [BASE + "/es/jobs/?page=2"]
    assert links["alternates"]["en"] == BASE + "/en/jobs/?page=2"


def test_error_pages_have_no_canonical_address(client):
    page = client.get("/es/jobs/no-such-job/")
    assert page.status_code == 404
    assert head_links(page.content.decode()) == {"canonical": [], "alternates": {}}


def test_pages_without_a_language_have_no_alternates(client):
    page = client.get(reverse("unsubscribe", args=["not-a-token"])).content.decode()
    assert head_links(page) == {"canonical": [], "alternates": {}}
