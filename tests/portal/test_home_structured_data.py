"""The home page's schema.org Organization and WebSite (with a job-search SearchAction),
read with extruct as a search engine would, in both languages."""

import extruct
import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db


def structured(client, path) -> dict:
    html = client.get(path).content.decode()
    found = extruct.extract(html, base_url="http://testserver" + path, syntaxes=["json-ld"])
    return {item["@type"]: item for item in found["json-ld"]}


@pytest.mark.parametrize("language", ["en", "es"])
def test_home_describes_the_program_and_its_job_search(client, language):
    data = structured(client, f"/{language}/")
    organization, website = data["Organization"], data["WebSite"]
    assert organization["name"] == settings.PORTAL_NAME
    assert organization["url"] == f"http://testserver/{language}/"
    assert organization["logo"] == "http://testserver/static/img/logo.png"
    assert organization["email"] == settings.CONTACT_EMAIL
    assert website["url"] == f"http://testserver/{language}/"
    assert website["inLanguage"] == language
    assert website["publisher"]["@id"] == organization["@id"]
    action = website["potentialAction"]
    assert action["@type"] == "SearchAction"
    template = action["target"]["urlTemplate"]
    assert template == f"http://testserver/{language}/jobs/?q={{search_term_string}}"
    assert action["query-input"] == "required name=search_term_string"
    # The search the template makes is a real one.
    search = template.replace("{search_term_string}", "python").removeprefix("http://testserver")
    assert client.get(search).status_code == 200


def test_the_description_speaks_the_pages_language(client):
    english = structured(client, "/en/")["Organization"]["description"]
    spanish = structured(client, "/es/")["Organization"]["description"]
    assert english != spanish
