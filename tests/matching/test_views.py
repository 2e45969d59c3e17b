"""Where people see matches: job page, dashboards, talent with invitations, job alerts."""

import pytest
from django.urls import reverse
from django.utils import translation

from apps.core.i18n import localized
from apps.matching import services
from apps.matching.models import JobAlert, JobInvitation
from apps.notifications.models import Notification
from apps.seekers.models import Resume
from tests.factories import OrganizationFactory, member_of
from tests.factories.employers import JobFactory
from tests.factories.trainings import CohortFactory, ProgramFactory

from .helpers import seeker_with, skills

pytestmark = pytest.mark.django_db


@pytest.fixture
def job(personas):
    return JobFactory(employer=personas.orgs.employer, required_skills=["python", "git", "sql"])


def test_a_visitor_sees_a_sign_up_prompt_on_the_job_page(client, job):
    response = client.get(reverse("employers:job", args=[job.slug]))
    assert b'data-testid="match-signup"' in response.content
    assert b"match-slot" not in response.content


def test_a_seeker_gets_their_match_panel(client, personas, job):
    profile = seeker_with(["python", "git"], email="panel@people.example")
    ProgramFactory(status="published", skills=skills("sql"))
    CohortFactory(program=ProgramFactory(status="published", skills=skills("sql")))
    client.force_login(profile.user)
    page = client.get(reverse("employers:job", args=[job.slug]))
    panel_url = reverse("matching:job_panel", args=[job.slug])
    assert panel_url.encode() in page.content  # the no-JS link and the htmx source
    fragment = client.get(panel_url, headers={"HX-Request": "true"})
    assert fragment.status_code == 200
    text = fragment.content.decode()
    assert (
        "You have 2 of 3 required skills. Missing: Structured Query Language (SQL) — "
        "taught in 1 training starting soon." in text
    )
    assert "<html" not in text
    assert "?skill=" in text  # the missing skill links to trainings teaching it
    assert client.get(panel_url).status_code == 200  # without JavaScript: a page


def test_an_empty_profile_gets_a_next_step(client, personas, job):
    client.force_login(personas.seeker)
    fragment = client.get(reverse("matching:job_panel", args=[job.slug]))
    assert b'data-testid="match-empty"' in fragment.content
    dashboard = client.get(reverse("dashboard"))
    assert b'data-testid="jobs-for-you-empty"' in dashboard.content
    assert b'data-testid="trainings-for-you-empty"' in dashboard.content


def test_the_dashboard_shows_jobs_and_trainings_with_reasons(client, personas, job):
    profile = seeker_with(["python", "git"], targets=["15-1232"], email="dash@people.example")
    program = ProgramFactory(status="published", skills=skills("sql"), title="SQL Nights")
    CohortFactory(program=program)
    client.force_login(profile.user)
    response = client.get(reverse("dashboard"))
    text = response.content.decode()
    assert job.title in text and "You have 2 of 3 required skills." in text
    assert (
        "SQL Nights" in text
        and "Teaches 1 skill open jobs ask of you: Structured Query Language (SQL)." in text
    )


def test_the_dashboard_in_spanish(client, personas, job):
    profile = seeker_with(["python", "git"], email="es@people.example")
    profile.user.preferred_language = "es"
    profile.user.save()
    client.force_login(profile.user)
    response = client.get(localized(reverse("dashboard"), "es"))
    assert "Usted tiene 2 de 3 habilidades requeridas." in response.content.decode()


def test_employers_see_discoverable_talent_without_resume_or_contact(client, personas, job):
    shown = seeker_with(["python", "git", "sql"], email="shown@people.example")
    Resume.objects.create(profile=shown, file="resumes/x.pdf", original_name="cv.pdf", size=10)
    hidden = seeker_with(
        ["python", "git", "sql"], discoverable=False, email="hidden@people.example"
    )
    client.force_login(personas.employer)
    response = client.get(reverse("matching:talent", args=[job.pk]))
    text = response.content.decode()
    assert response.status_code == 200
    assert reverse("employers:talent_profile", args=[shown.pk]) in text
    assert reverse("employers:talent_profile", args=[hidden.pk]) not in text
    assert "shown@people.example" not in text and "cv.pdf" not in text
    # The profile the talent page links to: skills, no resume nor contact before applying.
    profile_page = client.get(reverse("employers:talent_profile", args=[shown.pk]))
    assert profile_page.status_code == 200
    html = profile_page.content.decode()
    assert "Help desk tech" in html
    assert "cv.pdf" not in html and "x.pdf" not in html and "shown@people.example" not in html


def test_other_employers_jobs_answer_404(client, personas, job):
    profile = seeker_with(["python", "git", "sql"])
    # A pending employer is stopped first, whoever's job it is: not approved (403).
    for user, status in ((personas.other_employer, 404), (personas.pending_employer, 403)):
        client.force_login(user)
        assert client.get(reverse("matching:talent", args=[job.pk])).status_code == status
        url = reverse("matching:invite", args=[job.pk, profile.pk])
        assert client.post(url).status_code == status
    assert not JobInvitation.objects.exists()


def test_invite_once_with_reasons_and_the_seeker_can_decline(client, personas, job):
    profile = seeker_with(["python", "git", "sql"], email="invitee@people.example")
    client.force_login(personas.employer)
    url = reverse("matching:invite", args=[job.pk, profile.pk])
    assert client.post(url).status_code == 302
    response = client.post(url, follow=True)
    assert "You already invited this person to this job." in response.content.decode()
    invitation = JobInvitation.objects.get()
    message = Notification.objects.get(kind="job_invitation")
    assert message.recipient == profile.user
    assert message.context["have"] == 3 and message.context["url"].endswith(f"{job.slug}/")
    # Another seeker can't decline it; its seeker can.
    client.force_login(personas.seeker)
    assert client.post(reverse("matching:decline", args=[invitation.pk])).status_code == 404
    client.force_login(profile.user)
    client.post(reverse("matching:decline", args=[invitation.pk]))
    invitation.refresh_from_db()
    assert invitation.status == "declined"


def test_an_undiscoverable_profile_cannot_be_invited(client, personas, job):
    profile = seeker_with(["python", "git", "sql"], discoverable=False)
    client.force_login(personas.employer)
    assert client.post(reverse("matching:invite", args=[job.pk, profile.pk])).status_code == 404


def test_the_daily_invitation_limit(personas, job, monkeypatch):
    monkeypatch.setattr(services, "INVITES_PER_JOB_PER_DAY", 2)
    profiles = [seeker_with(["python", "git", "sql"]) for _ in range(3)]
    for profile in profiles[:2]:
        services.invite(job=job, profile=profile, invited_by=personas.employer)
    with pytest.raises(services.MatchingError, match="sent 2 invitations for this job in the"):
        services.invite(job=job, profile=profiles[2], invited_by=personas.employer)
    assert JobInvitation.objects.count() == 2
    monkeypatch.setattr(services, "INVITES_PER_JOB_PER_DAY", 1)
    with (
        translation.override("es"),
        pytest.raises(services.MatchingError, match="Usted envió 1 invitación para este empleo"),
    ):
        services.invite(job=job, profile=profiles[2], invited_by=personas.employer)


def test_a_seeker_never_sees_another_seekers_matches(client, personas, job):
    other = seeker_with(["python", "git", "sql"], email="other@people.example")
    services.invite(job=job, profile=other, invited_by=personas.employer)
    alert = JobAlert.objects.create(user=other.user, query="q=secret", q="secret")
    client.force_login(personas.seeker)
    page = client.get(reverse("matching:mine")).content.decode()
    assert job.title not in page and "q=secret" not in page
    assert client.post(reverse("matching:delete_alert", args=[alert.pk])).status_code == 404
    assert JobAlert.objects.filter(pk=alert.pk).exists()


def test_save_a_job_alert_from_a_search_and_stop_it_in_one_click(client, personas):
    client.force_login(personas.seeker)
    response = client.post(
        reverse("matching:save_alert"), {"q": "help desk", "work_setting": "remote"}
    )
    assert response.status_code == 302
    alert = JobAlert.objects.get(user=personas.seeker)
    assert (alert.q, alert.work_setting) == ("help desk", "remote")
    assert response["Location"] == reverse("employers:search") + "?" + alert.query
    client.post(reverse("matching:save_alert"), {"q": "help desk", "work_setting": "remote"})
    assert JobAlert.objects.count() == 1  # the same search twice: one alert
    client.logout()
    stop = reverse("matching:stop_alert", args=[alert.token])
    assert client.get(stop).status_code == 200
    assert JobAlert.objects.exists()  # a GET (a mail scanner) changes nothing
    assert b"alert-stopped" in client.post(stop).content
    assert not JobAlert.objects.exists()
    assert client.get(stop).status_code == 404


def test_the_search_page_offers_an_alert_to_seekers(client, personas):
    client.force_login(personas.seeker)
    response = client.get(reverse("employers:search") + "?q=python")
    assert b'data-testid="save-alert"' in response.content
    assert b'name="q" value="python"' in response.content


def test_providers_see_demand_for_their_programs(client, personas):
    ProgramFactory(provider=personas.orgs.provider, title="Python Basics", skills=skills("python"))
    JobFactory(required_skills=["python"])
    JobFactory(required_skills=["python", "git"])
    JobFactory(required_skills=["java"])
    client.force_login(personas.provider)
    text = client.get(reverse("dashboard")).content.decode()
    assert 'data-testid="program-demand"' in text
    assert "Python Basics</th><td>2</td>" in text


def test_an_unapproved_employers_jobs_give_no_talent(client, personas):
    org = OrganizationFactory(status="pending")
    user = member_of(org)
    job = JobFactory(employer=org, status="draft")
    client.force_login(user)
    response = client.get(reverse("matching:talent", args=[job.pk]))
    assert response.status_code == 403 and b'data-status="pending"' in response.content
    # An approved employer's draft is not open yet: no talent either.
    draft = JobFactory(employer=personas.orgs.employer, status="draft")
    client.force_login(personas.employer)
    assert b"talent-closed" in client.get(reverse("matching:talent", args=[draft.pk])).content


def test_a_search_too_long_to_save_is_a_400_with_a_message(client, personas):
    client.force_login(personas.seeker)
    response = client.post(reverse("matching:save_alert"), {"q": "é" * 200})
    assert response.status_code == 400
    assert "too long to save" in response.content.decode()
    assert not JobAlert.objects.exists()


def test_the_number_of_job_alerts_is_limited_with_a_message(client, personas, monkeypatch):
    monkeypatch.setattr(services, "MAX_ALERTS", 1)
    client.force_login(personas.seeker)
    client.post(reverse("matching:save_alert"), {"q": "python"})
    response = client.post(reverse("matching:save_alert"), {"q": "java"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "You have 1 job alert, the most allowed. Stop it to add another." in html
    assert 'data-testid="job-alerts"' in html  # the alerts, one of which to stop
    assert list(JobAlert.objects.values_list("q", flat=True)) == ["python"]


@pytest.mark.parametrize("language", ["en", "es"])
def test_a_search_with_bad_filters_is_a_400_on_the_matches_page(client, personas, language):
    personas.seeker.preferred_language = language
    personas.seeker.save()
    client.force_login(personas.seeker)
    url = localized(reverse("matching:save_alert"), language)
    response = client.post(url, {"q": "python", "pay_from": "lots"})
    assert response.status_code == 400
    html = response.content.decode()
    refused = html.split('data-testid="alert-refused"')[1].split("</div>")[0]
    message = {
        "en": "This search could not be saved. Check its filters.",
        "es": "No se pudo guardar esta búsqueda. Revise sus filtros.",
    }[language]
    assert message in refused
    search = localized(reverse("employers:search"), language)
    assert f'href="{search}?q=python&amp;pay_from=lots"' in refused  # back to that search
    assert "csrfmiddlewaretoken" not in refused
    assert not JobAlert.objects.exists()


def test_the_pages_query_counts_do_not_grow_with_the_data(client, personas, job):
    """The matches page, the dashboard and the talent page: the same number of queries for
    a few jobs, classes and seekers as for several times more."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories.trainings import published_cohort

    profile = seeker_with(
        ["python", "git"], targets=["15-1232"], email="counts@people.example", verified=["git"]
    )

    def more(n):
        for i in range(n):
            JobFactory(required_skills=["python", "git", "sql", "linux"][: 1 + i % 4])
            published_cohort(title=f"Class {n}-{i}", skills=("sql", "linux", "java")[: 1 + i % 3])
            seeker_with(["python", "git", "sql"], email=f"talent{n}-{i}@people.example")

    def counts():
        sizes = []
        for user, url in (
            (profile.user, reverse("matching:mine")),
            (profile.user, reverse("dashboard")),
            (personas.employer, reverse("matching:talent", args=[job.pk])),
        ):
            client.force_login(user)
            client.get(url)
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            sizes.append(len(queries))
        return sizes

    more(2)
    small = counts()
    more(8)
    # (One fewer is fine: "which trainings teach the missing skills" is not asked when the
    # jobs shown miss none.)
    assert all(large <= before for large, before in zip(counts(), small, strict=True)), small
    client.force_login(profile.user)
    page = client.get(reverse("matching:mine")).content.decode()
    assert page.count('data-testid="match-band"') >= 10  # jobs, with their band
    assert page.count("Teaches ") == 5  # trainings, with their reasons
    client.force_login(personas.employer)
    text = client.get(reverse("matching:talent", args=[job.pk])).content.decode()
    assert text.count("Invite to apply") >= 10
