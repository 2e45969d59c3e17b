"""The home page and the per-role dashboards."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_home_explains_the_program(client):
    html = client.get(reverse("home")).content.decode()
    for text in ["400", "Workforce Solutions Borderplex", "Create a free account", "How it works"]:
        assert text in html
    assert 'href="#main-content"' in html  # skip link


@pytest.mark.parametrize("role", ["seeker", "employer", "provider", "partner", "pending_employer"])
def test_dashboards_say_what_to_do_next(client, personas, role):
    client.force_login(getattr(personas, role))
    response = client.get(reverse("dashboard"))
    assert response.status_code == 200
    assert "Your next steps" in response.content.decode()


def test_pending_dashboard_explains_the_review(client, personas):
    client.force_login(personas.pending_employer)
    html = client.get(reverse("dashboard")).content.decode()
    assert "Waiting for review" in html
    assert "Describe your organization" in html


def test_staff_dashboard_counts_pending_organizations(client, personas):
    client.force_login(personas.staff)
    html = client.get(reverse("dashboard")).content.decode()
    assert 'data-testid="pending-count">1<' in html
