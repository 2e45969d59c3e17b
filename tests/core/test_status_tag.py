"""One status tag for every model: each status of each model has one tone, and the same
status word has the same colour everywhere (apps/core/templatetags/portal.py)."""

import pytest
from django.template import Context, Template

from apps.accounts.models import Organization
from apps.core.templatetags.portal import STATUS_TONES, TONE_CLASSES, status_tone
from apps.employers.models import Application, Hire, Job
from apps.trainings.models import Enrollment, Program
from tests.factories.employers import JobFactory

MODELS = [Organization, Job, Application, Hire, Program, Enrollment]


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_each_status_of_each_model_maps_to_one_tone(model):
    for value, _label in model._meta.get_field("status").choices:
        assert status_tone(value) in TONE_CLASSES, f"{model.__name__}.{value} has no tone"


def test_every_tone_has_a_colour_and_no_two_tones_share_one():
    assert set(STATUS_TONES.values()) == set(TONE_CLASSES)
    assert len(set(TONE_CLASSES.values())) == len(TONE_CLASSES)


def test_the_same_status_has_the_same_colour_on_every_model():
    rendered = {}
    for model in MODELS:
        for value, _label in model._meta.get_field("status").choices:
            row = model(status=value)
            html = Template("{% load portal %}{% status_tag row %}").render(Context({"row": row}))
            colour = html.split('class="usa-tag ')[1].split('"')[0]
            assert rendered.setdefault(value, colour) == colour, value
            assert f'data-testid="{model._meta.model_name}-status">' in html
            assert f">{row.get_status_display()}</span>" in html
    assert rendered["rejected"] == TONE_CLASSES["stopped"]
    assert rendered["published"] == rendered["verified"] == rendered["hired"]


@pytest.mark.django_db
def test_a_published_job_past_its_closing_date_reads_expired():
    job = JobFactory()
    job.closes_on = job.closes_on.replace(year=job.closes_on.year - 1)
    html = Template("{% load portal %}{% status_tag job %}").render(Context({"job": job}))
    assert 'data-testid="job-status">Expired</span>' in html
    assert TONE_CLASSES["inactive"] in html
