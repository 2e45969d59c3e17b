"""seed_volume: a realistic volume that keeps the services' invariants and shows on the pages."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count, Q
from django.urls import reverse

from apps.accounts.models import Organization, User
from apps.employers.models import Application, ApplicationEvent, Hire, Job
from apps.matching.models import OpenJobSkill
from apps.portal.management.commands.seed_demo import DEMO_PASSWORD
from apps.seekers.models import SeekerProfile
from apps.trainings.models import Enrollment, Program

pytestmark = pytest.mark.django_db

SMALL = {"seekers": 120, "employers": 4, "jobs_per_employer": 5, "providers": 2, "seed": 7}


@pytest.fixture
def loaded(settings):
    settings.DEBUG = True
    settings.STAFF_MFA_REQUIRED = False
    out = io.StringIO()
    call_command("seed_volume", stdout=out, **SMALL)
    return out.getvalue()


def test_refuses_to_run_in_production(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DJANGO_DEBUG=true"):
        call_command("seed_volume", **SMALL)
    assert not User.objects.exists()


def test_refuses_absurd_sizes(settings):
    settings.DEBUG = True
    with pytest.raises(CommandError, match="--seekers must be between"):
        call_command("seed_volume", **{**SMALL, "seekers": 0})
    assert not User.objects.exists()


def test_loads_the_sizes_asked_for_with_the_services_invariants(loaded):
    assert "120 seekers, 4 employers, 20 jobs" in loaded
    assert SeekerProfile.objects.count() == 120
    assert Organization.objects.filter(kind="employer", status="approved").count() == 4
    assert Program.objects.count() == 2 * 3
    assert Application.objects.exists() and Enrollment.objects.exists()
    # Every application has its history, starting with the submission.
    assert not Application.objects.filter(~Q(events__to_status="submitted")).exists()
    moved = Application.objects.exclude(status="submitted")
    assert (
        ApplicationEvent.objects.filter(application__in=moved)
        .exclude(to_status="submitted")
        .count()
        == moved.count()
    )
    # One hire per person; each from a hired application of that employer's job.
    per_person = Hire.objects.values("seeker").annotate(n=Count("pk")).filter(n__gt=1)
    assert not per_person.exists()
    for hire in Hire.objects.select_related("application__job"):
        assert hire.application.status == "hired"
        assert hire.application.job.employer_id == hire.employer_id
    # Search documents are filled in, as the services do on PostgreSQL.
    assert not Job.objects.filter(search_vector__isnull=True).exists()
    assert not Program.objects.filter(search_vector__isnull=True).exists()
    # Every open job is in matching's index of open jobs, and nothing else is.
    indexed = set(OpenJobSkill.objects.values_list("job_id", flat=True))
    assert indexed and indexed == set(Job.objects.published().values_list("pk", flat=True))


def test_a_second_run_adds_a_new_batch(settings, loaded):
    call_command("seed_volume", stdout=io.StringIO(), **{**SMALL, "seed": 8})
    assert SeekerProfile.objects.count() == 240


def test_its_logins_sign_in_and_see_their_data(client, loaded):
    employer = User.objects.filter(email__startswith="employer-").order_by("pk").first()
    assert employer.email in loaded
    assert client.login(email=employer.email, password=DEMO_PASSWORD)
    response = client.get(reverse("employers:jobs"))
    assert response.status_code == 200
    title = Job.objects.filter(employer__memberships__user=employer).first().title
    assert title in response.content.decode()
    # And anyone sees the published jobs in the search.
    client.logout()
    assert client.get(reverse("employers:search"), {"q": title}).status_code == 200
