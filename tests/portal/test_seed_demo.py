import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from apps.accounts.models import Membership, Organization, User
from apps.core.i18n import localized
from apps.portal.management.commands.seed_demo import DEMO_DOMAIN, DEMO_PASSWORD, LOGINS, PARTNERS

pytestmark = pytest.mark.django_db


def test_refuses_to_run_in_production(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DJANGO_DEBUG=true"):
        call_command("seed_demo")
    assert not User.objects.exists()


def test_is_idempotent_and_seeds_the_program(settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=None)
    counts = (User.objects.count(), Organization.objects.count(), Membership.objects.count())
    call_command("seed_demo")
    assert (User.objects.count(), Organization.objects.count(), Membership.objects.count()) == (
        counts
    )
    board = Organization.objects.get(kind="board")
    assert board.name == "Workforce Solutions Borderplex"
    partner_names = set(Organization.objects.filter(kind="partner").values_list("name", flat=True))
    assert {name for name, _ in PARTNERS} <= partner_names
    assert Organization.objects.filter(kind="employer", status="pending").exists()


@pytest.mark.parametrize("local,role", [(login[0], login[3]) for login in LOGINS])
def test_every_demo_login_signs_in(client, settings, local, role):
    settings.DEBUG = True
    settings.STAFF_MFA_REQUIRED = False  # as in `make run`
    call_command("seed_demo")
    response = client.post(
        reverse("account_login"),
        {"login": f"{local}@{DEMO_DOMAIN}", "password": DEMO_PASSWORD},
    )
    assert response.status_code == 302
    user = User.objects.get(email=f"{local}@{DEMO_DOMAIN}")
    dashboard = localized(reverse("dashboard"), user.preferred_language)  # in their language
    assert response["Location"] == dashboard
    assert client.get(dashboard).status_code == 200
    assert user.role == role


def test_in_the_demo_publishing_a_job_emails_its_match_to_the_seeker(
    client, settings, mailoutbox, django_capture_on_commit_callbacks
):
    """`make run`'s story: the seeker sees jobs and trainings with reasons, the employer
    sees matching talent and invites, and a newly published job's alert is emailed."""
    from datetime import timedelta

    from django.utils import timezone

    from apps.employers.models import Job
    from apps.employers.services.jobs import approve_job, save_job, submit_job

    settings.DEBUG = True
    settings.STAFF_MFA_REQUIRED = False
    with django_capture_on_commit_callbacks(execute=True):  # its jobs' job_published
        call_command("seed_demo")
    seeker = User.objects.get(email=f"seeker@{DEMO_DOMAIN}")
    client.force_login(seeker)
    dashboard = client.get(
        localized(reverse("dashboard"), seeker.preferred_language)
    ).content.decode()
    assert 'data-testid="jobs-for-you"' in dashboard and "Usted tiene" in dashboard
    assert 'data-testid="trainings-for-you"' in dashboard and "Enseña" in dashboard

    employer = User.objects.get(email=f"employer@{DEMO_DOMAIN}")
    org = Membership.objects.get(user=employer).organization
    model = Job.objects.filter(employer=org, title__startswith="Help Desk").get()
    client.force_login(employer)
    talent = client.get(
        localized(reverse("matching:talent", args=[model.pk]), "en")
    ).content.decode()
    assert talent.count("Invite to apply") >= 3

    fields = ["occupation", "description", "pay_min", "pay_max", "pay_unit", "work_setting"]
    fields += ["location", "schedule", "employment_type", "openings", "degree_required"]
    data = {name: getattr(model, name) for name in fields}
    data |= {"title": "Evening Help Desk", "closes_on": timezone.localdate() + timedelta(30)}
    job = save_job(
        employer=org,
        data=data,
        required_skills=list(model.required_skills.all()),
        preferred_skills=list(model.preferred_skills.all()),
        actor=employer,
    )
    submit_job(job=job)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        approve_job(job=job, reviewer=User.objects.get(email=f"staff@{DEMO_DOMAIN}"))
    to_seeker = [m for m in mailoutbox if m.to == [seeker.email]]
    assert len(to_seeker) == 1 and "Evening Help Desk" in to_seeker[0].subject
