"""Rendering notification emails: once per batch for messages that differ only by person.

A fan-out (a job published to every matching seeker, an announcement) sends the same
kind with the same context to many people; what differs per person is their name, their
address and their unsubscribe link. Rendering three Django templates costs more than
sending the email, so a `BatchRenderer` renders each (kind, language, context) once with
stand-ins for those three values and puts each person's values in place — escaped for
HTML in the HTML version, as they are in the text versions — exactly as a direct render
would.

A stand-in is a short run of private-use characters that no template filter escapes. If a
template transforms one (a filter, a truncation) it no longer appears intact, and that
person's email is rendered directly instead. `tests/notifications/test_rendering.py` checks,
for every kind in both languages, that the result equals a direct render.
"""

import json
from dataclasses import dataclass

from django.utils.html import escape

from apps.core.emails import render_email

# The values that differ per person. Templates read them as {{ name }}, {{ email }},
# {{ unsubscribe_url }} and must not transform them (no filters).
PERSONAL = ("name", "email", "unsubscribe_url")
STAND_INS = {key: f"\ue000{key}\ue001" for key in PERSONAL}
_MARKS = ("\ue000", "\ue001")


@dataclass(frozen=True)
class Rendered:
    subject: str
    text: str
    html: str


class BatchRenderer:
    """Renders alike messages once; lives for one batch (its cache is not bounded)."""

    def __init__(self):
        self._shells: dict[tuple, Rendered | None] = {}
        self.renders = 0  # direct template renders, for tests

    def render(self, kind: str, language: str, context: dict, personal: dict) -> Rendered:
        """`context` is the same for everyone in the batch; `personal` holds PERSONAL."""
        if any(mark in str(value) for value in personal.values() for mark in _MARKS):
            return self._render(kind, language, {**context, **personal})
        key = (kind, language, json.dumps(context, sort_keys=True, default=str))
        if key not in self._shells:
            self._shells[key] = self._render(kind, language, {**context, **STAND_INS})
        shell = self._shells[key]
        filled = _fill(shell, personal) if shell is not None else None
        if filled is None:
            # A template changed a stand-in: this kind is rendered person by person.
            self._shells[key] = None
            filled = self._render(kind, language, {**context, **personal})
        return filled

    def _render(self, kind: str, language: str, context: dict) -> Rendered:
        self.renders += 1
        return Rendered(*render_email(kind, context, language))


def _fill(shell: Rendered, personal: dict) -> Rendered | None:
    subject, text, html = shell.subject, shell.text, shell.html
    for key, stand_in in STAND_INS.items():
        value = str(personal.get(key, ""))
        subject = subject.replace(stand_in, value)
        text = text.replace(stand_in, value)
        html = html.replace(stand_in, escape(value))
    if any(mark in part for part in (subject, text, html) for mark in _MARKS):
        return None
    # render_email collapses whitespace in subjects; a value may bring some.
    return Rendered(" ".join(subject.split()), text, html)
