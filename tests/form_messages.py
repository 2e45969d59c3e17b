"""Checking a refused form's messages (tests of forms' bad input)."""


def assert_fields_say(response, messages: dict[str, str]) -> None:
    """A refused form: a 400, and each field of `messages` with its own message only —
    never Django's generic "This field is required." in either language."""
    assert response.status_code == 400
    errors = response.context["form"].errors
    for field, message in messages.items():
        assert errors[field] == [message]
    html = response.content.decode()
    assert "This field is required." not in html and "Este campo es obligatorio." not in html
