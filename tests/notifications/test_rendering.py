"""A batch renders alike messages once, and each person gets exactly a direct render."""

import pytest

from apps.core.emails import render_email
from apps.notifications.kinds import TEMPLATE_KINDS
from apps.notifications.rendering import BatchRenderer, Rendered
from tests.notifications.helpers import CONTEXTS

SHARED = {
    "preferences_url": "https://portal.example/notifications/preferences/",
    "has_account": True,
}
PEOPLE = [
    {
        "name": "Lupe",
        "email": "lupe@people.example",
        "unsubscribe_url": "https://portal.example/notifications/unsubscribe/a:1:x/",
    },
    {
        "name": 'Ana & <María> "O\'Neil"',
        "email": "ana+jobs@people.example",
        "unsubscribe_url": "https://portal.example/notifications/unsubscribe/b:2:y/?a=1&b=2",
    },
    {
        "name": "  José   Núñez ",
        "email": "jose@people.example",
        "unsubscribe_url": "https://portal.example/notifications/unsubscribe/c:3:z/",
    },
]


def direct(kind, language, context, person) -> Rendered:
    return Rendered(*render_email(kind, {**context, **person}, language))


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("kind", TEMPLATE_KINDS)
def test_every_kind_fills_in_each_person_exactly_as_a_direct_render(kind, language):
    context = {**SHARED, **CONTEXTS[kind]}
    renderer = BatchRenderer()
    for person in PEOPLE:
        assert renderer.render(kind, language, context, person) == direct(
            kind, language, context, person
        )
    assert renderer.renders == 1, f"{kind} transforms a personal value: it renders per person"


def test_a_batch_renders_once_per_language_and_context():
    renderer = BatchRenderer()
    jobs = [{**SHARED, "job_title": title, "url": "/jobs/1/"} for title in ("Analyst", "DevOps")]
    for _ in range(10):
        for language in ("en", "es"):
            for context in jobs:
                renderer.render("job_published", language, context, PEOPLE[0])
    assert renderer.renders == 4


def test_the_greeting_uses_the_persons_own_name_escaped_in_html():
    rendered = BatchRenderer().render(
        "application_status", "en", {**SHARED, **CONTEXTS["application_status"]}, PEOPLE[1]
    )
    assert 'Hello Ana & <María> "O\'Neil",' in rendered.text
    assert "Hello Ana &amp; &lt;María&gt; &quot;O&#x27;Neil&quot;," in rendered.html
    assert PEOPLE[1]["unsubscribe_url"] in rendered.text
    assert "b:2:y/?a=1&amp;b=2" in rendered.html


@pytest.fixture
def probe_templates(settings):
    """Templates of a kind that transforms personal values (which kinds must not do)."""
    settings.TEMPLATES = [
        {
            "BACKEND": "django.template.backends.django.DjangoTemplates",
            "OPTIONS": {
                "loaders": [
                    (
                        "django.template.loaders.locmem.Loader",
                        {
                            "emails/probe_subject.txt": "For {{ name|upper }}",
                            "emails/probe.txt": "Hi {{ name|truncatechars:4 }} {{ email }}",
                            "emails/probe.html": "<p>{{ unsubscribe_url|urlize }}</p>",
                        },
                    )
                ]
            },
        }
    ]


def test_a_template_that_transforms_a_personal_value_is_rendered_person_by_person(
    probe_templates,
):
    renderer = BatchRenderer()
    results = [renderer.render("probe", "en", {}, person) for person in PEOPLE]
    assert results == [direct("probe", "en", {}, person) for person in PEOPLE]
    assert results[0].subject == "For LUPE"
    # The stand-in render, then one direct render per person.
    assert renderer.renders == 1 + len(PEOPLE)


def test_a_value_holding_a_stand_in_mark_is_rendered_directly():
    person = {**PEOPLE[0], "name": "Lupe \ue000name\ue001"}
    context = {**SHARED, **CONTEXTS["application_status"]}
    rendered = BatchRenderer().render("application_status", "en", context, person)
    assert rendered == direct("application_status", "en", context, person)
    assert "Hello Lupe \ue000name\ue001," in rendered.text
