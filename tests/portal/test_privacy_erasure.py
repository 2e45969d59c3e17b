"""Erasing an account: the login, profile, files, sessions, notifications and personal data
go; applications, enrollments and hires stay for the counts as one anonymous person, so no
goal number changes; twice is harmless; nobody else's data is touched."""

from datetime import date, timedelta
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from apps.accounts.models import Membership, User
from apps.audit.models import Action, AuditEntry
from apps.employers.models import Application, ApplicationNote, Hire
from apps.goals import metrics, snapshots
from apps.goals.models import AnonymousPerson
from apps.goals.selectors import Filters, facts, load_inputs
from apps.matching.models import JobAlert, JobInvitation
from apps.notifications.models import Notification, Preference
from apps.partners.models import RSVP, CreditedHire, Referral, RSVPStatus
from apps.partners.services.referrals import credit_hire
from apps.portal.privacy import erase_account
from apps.seekers.models import Demographics, Resume, SeekerProfile
from apps.trainings.models import Enrollment, EnrollmentEvent
from tests.accounts.test_mfa import current_code
from tests.factories import UserFactory
from tests.factories.pipeline import use_private_storage
from tests.goals.builders import small_goal

from .privacy_world import past_event_rsvp, person_with_everything

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def private_storage(settings, tmp_path, monkeypatch):
    return use_private_storage(settings, tmp_path, monkeypatch)


def files_in(folder: Path) -> set[str]:
    return {p.name for p in folder.rglob("*") if p.is_file()}


def erase(user, actor=None, **kw):
    return erase_account(user=user, actor=actor or user, **kw)


def test_erasure_removes_the_login_profile_files_and_personal_data(
    client, personas, private_storage, django_capture_on_commit_callbacks
):
    world = person_with_everything(personas)
    lupe = world.lupe
    client.force_login(lupe)
    assert Session.objects.count() == 1
    resume_files = {
        Resume.objects.get(profile__user=lupe).file.name.rsplit("/", 1)[-1],
        *(
            a.resume.name.rsplit("/", 1)[-1]
            for a in Application.objects.filter(seeker=lupe).exclude(resume="")
        ),
    }
    assert resume_files <= files_in(private_storage)

    with django_capture_on_commit_callbacks(execute=True):
        assert erase(lupe) is True

    lupe.refresh_from_db()
    # The login: no address, name or password; locked; no sessions, no second step.
    assert lupe.erased_at is not None
    assert lupe.email.endswith("@erased.invalid") and "lupe" not in lupe.email
    assert (lupe.first_name, lupe.last_name) == ("", "")
    assert not lupe.has_usable_password() and not lupe.is_active
    assert not EmailAddress.objects.filter(user=lupe).exists()
    assert not Session.objects.exists()
    assert client.get(reverse("dashboard")).status_code == 302  # signed out
    assert lupe.display_name == f"Erased person {lupe.erased_key}"
    # Profile, skills, resume (the files too), answers, alerts, invitations, notifications.
    assert not SeekerProfile.objects.filter(user=lupe).exists()
    assert not Resume.objects.exists()
    assert not resume_files & files_in(private_storage)
    assert not Demographics.objects.filter(user=lupe).exists()
    assert not JobAlert.objects.filter(user=lupe).exists()
    assert not JobInvitation.objects.filter(seeker=lupe).exists()
    assert not Notification.objects.filter(recipient=lupe).exists()
    assert not Notification.objects.filter(email__iexact="lupe@people.example").exists()
    assert not Preference.objects.filter(user=lupe).exists()

    # Applications stay for the counts, without the person's content; open ones withdrawn.
    open_application = Application.objects.get(pk=world.open_application.pk)
    assert open_application.status == "withdrawn"
    assert (open_application.note, open_application.resume.name) == ("", "")
    assert open_application.events.last().to_status == "withdrawn"
    assert not ApplicationNote.objects.filter(application__seeker=lupe).exists()
    assert Application.objects.get(pk=world.hired_application.pk).status == "hired"
    # The employer's "new applicant: Lupe Ortiz" notification no longer names her.
    received = Notification.objects.filter(
        dedupe_key__startswith=f"application-received:{open_application.pk}:"
    )
    assert received.count() == 2  # the employer's owner and teammate
    for notification in received:
        assert "Lupe" not in str(notification.context)
        assert notification.context["seeker_name"] == f"Erased person {lupe.erased_key}"

    # Enrollments stay; the open one is withdrawn; notes go.
    assert Enrollment.objects.get(pk=world.open_enrollment.pk).status == "withdrawn"
    assert not Enrollment.objects.filter(seeker=lupe).exclude(note="").exists()
    assert (
        not EnrollmentEvent.objects.filter(enrollment__seeker=lupe)
        .exclude(early_reason="")
        .exists()
    )
    assert Enrollment.objects.get(pk=world.completed_enrollment.pk).status == "completed"

    # The hires still point at the (anonymous) account: one person, two jobs.
    assert set(Hire.objects.filter(seeker=lupe)) == set(world.hires)

    # The partner keeps the referral for its counts, without name, address or note.
    referral = Referral.objects.get(pk=world.referral.pk)
    assert referral.person == lupe
    assert referral.display_name == f"Erased person {lupe.erased_key}"
    assert "lupe" not in referral.email and referral.note == ""
    assert referral.consent_withdrawn

    # Tomorrow's seat goes to the person waiting; no membership.
    assert RSVP.objects.get(event=world.event, user=lupe).status == RSVPStatus.CANCELLED
    assert RSVP.objects.get(event=world.event, user=world.waiting).status == RSVPStatus.GOING
    assert not Membership.objects.filter(user=lupe).exists()


def test_past_event_attendance_stays(personas):
    past = past_event_rsvp(personas.seeker, personas.orgs.partner)
    erase(personas.seeker)
    past.refresh_from_db()
    assert (past.status, past.attended) == (RSVPStatus.GOING, True)


def test_another_persons_data_is_untouched(personas, private_storage):
    world = person_with_everything(personas)
    ana = person_with_everything(personas, name=("Ana", "Perez"), email="ana@people.example")
    before = files_in(private_storage)
    ana_files = {
        Resume.objects.get(profile__user=ana.lupe).file.name.rsplit("/", 1)[-1],
    }
    erase(world.lupe)
    ana.lupe.refresh_from_db()
    assert ana.lupe.email == "ana@people.example" and ana.lupe.is_active
    assert ana.lupe.get_full_name() == "Ana Perez"
    assert SeekerProfile.objects.filter(user=ana.lupe).exists()
    assert Demographics.objects.filter(user=ana.lupe).exists()
    assert ana_files <= files_in(private_storage) <= before
    assert Application.objects.get(pk=ana.open_application.pk).status == "reviewing"
    assert Application.objects.get(pk=ana.open_application.pk).note == "I can start next week."
    assert ApplicationNote.objects.filter(application__seeker=ana.lupe).count() == 1
    assert JobAlert.objects.filter(user=ana.lupe).exists()
    assert Notification.objects.filter(recipient=ana.lupe).exists()
    assert Referral.objects.get(pk=ana.referral.pk).name == "Lupe Ortiz"  # what was typed
    assert EmailAddress.objects.filter(user=ana.lupe).exists()


def test_twice_is_harmless(personas):
    world = person_with_everything(personas)
    assert erase(world.lupe) is True
    world.lupe.refresh_from_db()
    snapshot = (world.lupe.email, world.lupe.erased_at, AuditEntry.objects.count())
    assert erase(world.lupe) is False
    assert erase(User.objects.get(pk=world.lupe.pk), actor=personas.staff) is False
    world.lupe.refresh_from_db()
    assert (world.lupe.email, world.lupe.erased_at, AuditEntry.objects.count()) == snapshot
    assert AnonymousPerson.objects.filter(user=world.lupe).count() == 1


def _every_number(goal, day):
    """Every number of the goal, computed live (unfiltered and filtered) and stored."""
    live = metrics.compute(facts(goal), load_inputs(goal), day)
    employer_id = Hire.objects.order_by("pk").first().employer_id
    filtered = metrics.compute(
        facts(goal), load_inputs(goal, Filters(employer_id=employer_id)), day
    )
    snapshot = snapshots.refresh_snapshot(goal=goal, day=day)
    stored = {
        f: getattr(snapshot, f)
        for f in ("people", "jobs_filled", "percent_of_goal", "pledged", "backlog", "data")
    }
    return live, filtered, stored


def test_a_hired_persons_erasure_changes_no_goal_number(personas):
    today = timezone.localdate()
    goal = small_goal(start=today - timedelta(days=400), end=today + timedelta(days=400), target=5)
    world = person_with_everything(personas)
    ana = person_with_everything(personas, name=("Ana", "Perez"), email="ana@people.example")
    for hire in world.hires + ana.hires:
        credit_hire(hire_id=hire.pk)
    before = _every_number(goal, today)
    # The numbers see both people, Lupe once for her two jobs, and her answers.
    assert before[0]["headline"]["people"] == 2
    assert before[0]["headline"]["jobs_filled"] == 4
    veterans = next(r for r in before[0]["populations"]["rows"] if r["key"] == "veteran")
    assert veterans["people"] == 2
    assert before[0]["funnel"][1]["people"] == 2  # profile complete

    erase(world.lupe)

    after = _every_number(goal, today)
    assert after == before
    assert snapshots.backfill(goal=goal, first=today - timedelta(days=3)) == 4
    assert CreditedHire.objects.filter(hire__in=world.hires).count() == 2


def test_the_last_owner_cannot_be_erased(client, personas):
    with pytest.raises(ValidationError, match="only owner of Sun City Software"):
        erase(personas.employer)
    client.force_login(personas.employer)
    response = client.post(reverse("privacy_delete"), {"password": "a-long-test-password"})
    assert response.status_code == 400
    assert "Make a teammate an owner first" in response.content.decode()
    personas.employer.refresh_from_db()
    assert personas.employer.erased_at is None and personas.employer.is_active


def test_a_member_can_be_erased_and_leaves_the_team(personas):
    world = person_with_everything(personas)
    member = world.teammate
    erase(member)
    member.refresh_from_db()
    assert not Membership.objects.filter(user=member).exists()
    # The move they made stays on the application's history and the audit trail, anonymous.
    moved = AuditEntry.objects.get(action=Action.APPLICATION_MOVED, person=world.lupe)
    assert moved.actor_id == member.pk
    assert moved.actor_label == f"erased:{member.erased_key}"
    assert world.open_application.events.filter(actor=member).exists()


def test_board_staff_are_not_erased_here(personas):
    with pytest.raises(ValidationError, match="Board staff"):
        erase(personas.staff)


def test_the_audit_trail_keeps_its_entries_with_the_anonymous_label(personas):
    world = person_with_everything(personas)
    about_her = AuditEntry.objects.filter(person=world.lupe)
    count = about_her.count()
    assert count >= 1  # the employer's move
    assert all("Lupe Ortiz" in e.person_label for e in about_her)
    erase(world.lupe)
    world.lupe.refresh_from_db()
    label = f"erased:{world.lupe.erased_key}"
    entries = AuditEntry.objects.filter(person=world.lupe)
    assert entries.count() == count + 1  # and the erasure itself
    assert {e.person_label for e in entries} == {label}
    erased = entries.get(action=Action.ACCOUNT_ERASED)
    assert (erased.actor, erased.target_label, erased.details["by"]) == (world.lupe, label, "self")
    assert not AuditEntry.objects.filter(person_label__icontains="lupe").exists()


# ---------------------------------------------------------------------------
# The pages
# ---------------------------------------------------------------------------
def test_the_page_warns_what_goes_and_what_stays(client, personas):
    client.force_login(personas.seeker)
    response = client.get(reverse("privacy_delete"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "This can't be undone." in html
    assert "What we delete" in html
    assert "it still counts toward the program" in html
    assert 'name="password"' in html


def test_a_wrong_password_deletes_nothing(client, personas):
    client.force_login(personas.seeker)
    response = client.post(reverse("privacy_delete"), {"password": "not it"})
    assert response.status_code == 400
    assert "This is not your password. Nothing was deleted." in response.content.decode()
    personas.seeker.refresh_from_db()
    assert personas.seeker.erased_at is None
    assert not AuditEntry.objects.exists()


def test_deleting_with_the_password_signs_out(client, personas):
    client.force_login(personas.seeker)
    response = client.post(
        reverse("privacy_delete"), {"password": "a-long-test-password"}, follow=True
    )
    assert response.redirect_chain[0] == (reverse("home"), 302)
    assert "Your account is deleted." in response.content.decode()
    personas.seeker.refresh_from_db()
    assert personas.seeker.erased_at is not None
    assert client.get(reverse("dashboard")).status_code == 302
    assert not client.login(email="seeker@people.example", password="a-long-test-password")


def test_without_a_password_the_person_types_the_phrase(client, personas):
    user = UserFactory(email="no-password@people.example")
    user.set_unusable_password()
    user.save()
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    client.force_login(user)
    # Nothing to type that proves it is them: they confirm first (test_privacy_reauthentication).
    client.post(reverse("mfa_reauthenticate"), {"code": current_code(secret)})
    assert 'name="phrase"' in client.get(reverse("privacy_delete")).content.decode()
    response = client.post(reverse("privacy_delete"), {"phrase": "delete my acount"})
    assert response.status_code == 400
    user.refresh_from_db()
    assert user.erased_at is None
    response = client.post(reverse("privacy_delete"), {"phrase": "  Delete  my account "})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.erased_at is not None


def test_staff_erase_an_account_on_request(client, personas):
    world = person_with_everything(personas)
    client.force_login(personas.staff)
    url = reverse("staff_erase", args=[world.lupe.pk])
    assert "Erase the account permanently" in client.get(url).content.decode()
    wrong = client.post(url, {"email": "someone@else.example", "request_note": "Phone call"})
    assert wrong.status_code == 400
    world.lupe.refresh_from_db()
    assert world.lupe.erased_at is None
    response = client.post(
        url, {"email": "LUPE@people.example", "request_note": "Email of March 3"}
    )
    world.lupe.refresh_from_db()
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('audit_log')}?person={world.lupe.erased_key}"
    entry = AuditEntry.objects.get(action=Action.ACCOUNT_ERASED)
    assert entry.actor == personas.staff
    assert entry.details == {"by": "staff", "request": "Email of March 3"}
    # Asked again: nothing more to do.
    again = client.post(url, {"email": world.lupe.email, "request_note": "Twice"})
    assert again.status_code == 400
    assert AuditEntry.objects.filter(action=Action.ACCOUNT_ERASED).count() == 1


def test_staff_find_the_account_by_address(client, personas):
    client.force_login(personas.staff)
    response = client.get(reverse("staff_people"), {"q": "seeker@people"})
    html = response.content.decode()
    assert reverse("staff_erase", args=[personas.seeker.pk]) in html
    assert client.get(reverse("staff_people"), {"q": "ab"}).status_code == 400


def test_a_staff_member_cannot_erase_another(client, personas):
    from tests.factories import staff_user

    other = staff_user(email="colleague@borderplex.example")
    client.force_login(personas.staff)
    response = client.post(
        reverse("staff_erase", args=[other.pk]),
        {"email": other.email, "request_note": "x"},
    )
    assert response.status_code == 400
    other.refresh_from_db()
    assert other.erased_at is None


def test_an_erased_day_does_not_matter_for_the_dates_kept(personas):
    """The registrant's day of joining is kept (the funnel counts it by date)."""
    joined = date(2019, 5, 1)
    User.objects.filter(pk=personas.seeker.pk).update(
        date_joined=timezone.make_aware(timezone.datetime(2019, 5, 1, 12))
    )
    erase(personas.seeker)
    personas.seeker.refresh_from_db()
    assert timezone.localdate(personas.seeker.date_joined) == joined
