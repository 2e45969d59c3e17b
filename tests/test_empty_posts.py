"""An empty POST to a form page is bad input like any other: the page again with each
field's message and a 400 — not the blank form with a 200 (a form built from
`request.POST or None` is unbound when the POST is empty)."""

import pytest
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "who,name,message",
    [
        ("seeker", "accounts:settings", None),
        ("seeker", "notifications:preferences", None),
        ("seeker", "privacy_delete", "Enter your password to confirm."),
        ("partner", "partners:import_upload", None),
    ],
)
def test_an_empty_post_answers_400_with_the_fields_messages(client, personas, who, name, message):
    client.force_login(getattr(personas, who))
    response = client.post(reverse(name), {})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'class="usa-error-message"' in html
    if message:
        assert message in html


def test_an_empty_post_to_a_staff_erasure_answers_400(client, personas):
    person = UserFactory(email="asked@people.example")
    client.force_login(personas.staff)
    response = client.post(reverse("staff_erase", args=[person.pk]), {})
    assert response.status_code == 400
    assert "Type the account&#x27;s email address to confirm." in response.content.decode()
    person.refresh_from_db()
    assert person.erased_at is None
