"""A 405 (a GET on a POST-only address) shows the portal's own error page, not a blank one."""

import pytest
from django.http import HttpResponseNotAllowed
from django.test import RequestFactory
from django.urls import reverse

from apps.core.middleware import MethodNotAllowedPageMiddleware

pytestmark = pytest.mark.django_db


def test_a_get_on_a_post_only_address_shows_the_portals_page(client, personas):
    client.force_login(personas.staff)
    response = client.get(reverse("employers:hire_reject", args=[1]))
    assert response.status_code == 405
    assert response["Allow"] == "POST"
    html = response.content.decode()
    assert "Error 405" in html and "This address can't be opened directly" in html
    assert reverse("home") in html  # a way on
    assert 'lang="en"' in html
    assert "Content-Security-Policy" in response.headers


def test_the_405_page_speaks_the_visitors_language(client):
    response = client.get(reverse("set_language"), HTTP_ACCEPT_LANGUAGE="es-MX,es;q=0.9")
    assert response.status_code == 405
    html = response.content.decode()
    assert '<html lang="es">' in html
    assert "Esta dirección no se puede abrir directamente" in html
    assert "This address can't be opened directly" not in html


def test_a_405_with_a_body_of_its_own_is_left_alone():
    """Only Django's empty 405 is replaced; a view that explains itself keeps its answer."""
    own = HttpResponseNotAllowed(["POST"], content=b"use the form")
    middleware = MethodNotAllowedPageMiddleware(lambda request: own)
    assert middleware(RequestFactory().get("/")) is own


@pytest.mark.parametrize(
    "who,name",
    [
        ("seeker", "seekers:profile"),
        ("seeker", "notifications:preferences"),
        ("employer", "employers:job_create"),
        ("employer", "employers:pledge_create"),
        ("employer", "accounts:organization_edit"),
        ("provider", "trainings:program_create"),
        ("partner", "accounts:settings"),
    ],
)
def test_form_pages_answer_head_like_get(client, personas, who, name):
    """HEAD is GET without the body (link checkers, browsers' prefetch): a page with a
    form answers it, not 405."""
    client.force_login(getattr(personas, who))
    got, head = client.get(reverse(name)), client.head(reverse(name))
    assert got.status_code == 200
    assert head.status_code == 200 and head["Content-Type"] == got["Content-Type"]
