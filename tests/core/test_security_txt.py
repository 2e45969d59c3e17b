"""How to report a problem: /.well-known/security.txt (RFC 9116) and the contact page."""

from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_security_txt_names_the_contact_and_expires_within_a_year(client, settings):
    settings.SECURITY_CONTACT_EMAIL = "security@board.example.org"
    response = client.get("/.well-known/security.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    fields = dict(line.split(": ", 1) for line in response.content.decode().splitlines())
    assert fields["Contact"] == "mailto:security@board.example.org"
    assert fields["Preferred-Languages"] == "en, es"
    assert fields["Canonical"] == "http://testserver/.well-known/security.txt"
    expires = datetime.strptime(fields["Expires"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    now = datetime.now(UTC)
    assert now < expires < now + timedelta(days=365)
    assert reverse("security_txt") == "/.well-known/security.txt"


def test_the_contact_page_says_where_to_report_a_security_problem(client, settings):
    settings.SECURITY_CONTACT_EMAIL = "security@board.example.org"
    html = client.get(reverse("contact")).content.decode()
    assert "Report a security problem" in html
    assert 'href="mailto:security@board.example.org"' in html
