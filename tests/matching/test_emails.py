"""Match emails count in both languages: one missing skill reads in the singular."""

import pytest

from apps.core.emails import render_email
from tests.notifications.helpers import CONTEXTS

LINUX = {"en": "Linux", "es": "Linux"}
SQL = {"en": "SQL", "es": "SQL"}


@pytest.mark.parametrize("kind", ["job_match", "job_invitation"])
@pytest.mark.parametrize(
    ("language", "missing", "expected"),
    [
        ("en", [LINUX], "You have 2 of 3 required skills. Missing: Linux."),
        ("en", [LINUX, SQL], "You have 1 of 3 required skills. Missing: Linux, SQL."),
        ("es", [LINUX], "Usted tiene 2 de 3 habilidades requeridas. Le falta: Linux."),
        ("es", [LINUX, SQL], "Usted tiene 1 de 3 habilidades requeridas. Le faltan: Linux, SQL."),
    ],
)
def test_the_missing_skills_agree_with_their_number(kind, language, missing, expected):
    context = {**CONTEXTS[kind], "name": "Lupe", "have": 3 - len(missing), "missing": missing}
    _subject, text, html = render_email(kind, context, language)
    assert expected in " ".join(text.split())
    assert expected in " ".join(html.split())
