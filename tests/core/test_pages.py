"""Pages every visitor meets: directory, error pages, security headers."""

import gzip
import re
import subprocess

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.urls import reverse

from apps.accounts.models import Organization
from apps.core.i18n import localized

pytestmark = pytest.mark.django_db


def test_strict_content_security_policy(client):
    response = client.get(reverse("home"))
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    html = response.content.decode()
    assert "<script>" not in html and " style=" not in html


def test_front_end_comes_from_npm_packages_through_the_build(client):
    """`npm run build` makes static/dist/ from node_modules; nothing of it is in git."""
    html = client.get(reverse("home")).content.decode()
    for asset in ["dist/uswds.css", "dist/vendor/htmx/htmx.min.js"]:
        assert f"/static/{asset}" in html
        found = finders.find(asset)
        assert found and "static/dist/" in found, f"{asset} should come from the build"
    ignored = subprocess.run(
        ["git", "check-ignore", "-q", "static/dist/uswds.css"], cwd=settings.BASE_DIR, check=False
    )
    assert ignored.returncode == 0, "static/dist/ is compiled: git must ignore it"


def test_navigation_depends_on_role(client, personas):
    html = client.get(reverse("home")).content.decode()
    assert reverse("account_login") in html and reverse("accounts:queue") not in html
    client.force_login(personas.staff)
    html = client.get(reverse("home")).content.decode()
    assert reverse("accounts:queue") in html
    client.force_login(personas.employer)
    html = client.get(reverse("home")).content.decode()
    assert reverse("accounts:organization") in html and reverse("accounts:queue") not in html


def test_directory_lists_approved_organizations_only(client, personas):
    html = client.get(reverse("accounts:directory")).content.decode()
    assert "Sun City Software" in html and "Borderland College" in html
    assert "Pending Employer" not in html
    board = Organization.objects.get(kind="board")
    assert reverse("accounts:public", args=[board.slug]) not in html


def test_unknown_pages_are_404(client):
    assert client.get("/no-such-page/").status_code == 404
    assert client.get(reverse("accounts:public", args=["no-such-org"])).status_code == 404


def test_not_found_page_is_friendly_and_translated(client):
    response = client.get("/no-such-page/", HTTP_ACCEPT_LANGUAGE="es")
    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="es">' in html
    assert "usa-button" in html and "We can&#x27;t find that page" not in html


def test_forbidden_page_explains(client, personas):
    client.force_login(personas.seeker)
    response = client.get(reverse("accounts:queue"))
    assert response.status_code == 403
    assert "This page is not for your account" in response.content.decode()


def test_expired_form_explains(personas):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(personas.seeker)
    response = client.post(reverse("set_language"), {"language": "es"})
    assert response.status_code == 403
    assert "Your form expired" in response.content.decode()


def test_server_error_page_renders_without_a_database(rf):
    from django.views.defaults import server_error

    response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()


def test_signed_in_people_see_no_sign_up_buttons_on_home(client, personas):
    signup = reverse("account_signup")
    assert signup in client.get(reverse("home")).content.decode()
    for user in (personas.seeker, personas.employer, personas.partner):
        client.force_login(user)
        html = client.get(reverse("home")).content.decode()
        assert signup not in html
        assert "Register your company" not in html


def test_an_unknown_role_in_the_sign_up_link_is_ignored(client):
    for query, checked in (("?as=staff", "seeker"), ("?as=provider", "provider")):
        html = client.get(reverse("account_signup") + query).content.decode()
        assert re.findall(r'name="account_type"[^>]*value="(\w+)" checked', html) == [checked]


def test_the_contact_page_shows_the_boards_details_from_settings(client, settings):
    settings.CONTACT_EMAIL = "help@borderplex.example"
    settings.CONTACT_PHONE = "(915) 555-0123"
    settings.CONTACT_ADDRESS = "1 Plaza Way, El Paso, TX 79901"
    response = client.get(reverse("contact"))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'href="mailto:help@borderplex.example"' in html
    assert 'href="tel:9155550123"' in html and "(915) 555-0123" in html
    assert "1 Plaza Way, El Paso, TX 79901" in html
    spanish = client.get(localized(reverse("contact"), "es")).content.decode()
    assert "Contáctenos" in spanish and "help@borderplex.example" in spanish


@pytest.mark.parametrize(
    "name",
    [
        "home",
        "account_email_verification_sent",
        "account_reset_password",
        "account_reset_password_done",
        None,
    ],
)
def test_pages_that_say_contact_us_link_to_the_contact_page(client, name):
    html = client.get(reverse(name) if name else "/en/no-such-page/").content.decode()
    assert f'href="{reverse("contact")}"' in html
    assert "Please contact us" not in html and "Otherwise contact us" not in html


def test_pages_are_gzipped_for_browsers_that_accept_it(client):
    plain = client.get(reverse("home"))
    response = client.get(reverse("home"), HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    assert len(response.content) < len(plain.content) / 2
    assert b"Reboot El Paso" in gzip.decompress(response.content)
