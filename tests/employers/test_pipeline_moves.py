"""Moving applicants (one or several), and the team's private notes."""

import pytest
from django.urls import reverse

from apps.employers.models import Application, ApplicationEvent, ApplicationNote
from apps.notifications.models import Notification
from tests.factories import member_of
from tests.factories.pipeline import application, job, seeker

pytestmark = pytest.mark.django_db


@pytest.fixture
def our_job(personas):
    """A published job of Sun City Software requiring Python, SQL and Linux."""
    return job(personas.orgs.employer, title="Junior Python Developer")


@pytest.fixture
def their_job(personas):
    """Other Employer's job, with text only they should ever see."""
    return job(personas.orgs.other_employer, title="Their Secret Opening")


def move(client, app, **data):
    return client.post(reverse("employers:applicant_move", args=[app.pk]), data)


def status_notes():
    return Notification.objects.filter(kind="application_status")


# ---------------------------------------------------------------------------
# One move
# ---------------------------------------------------------------------------
def test_moving_forward_records_who_and_tells_the_seeker(client, personas, our_job):
    app = application(our_job, seeker(first_name="Lupe", last_name="Ortiz"))
    client.force_login(personas.employer_member)
    response = move(client, app, to="reviewing")
    assert response.status_code == 302
    assert response["Location"] == reverse("employers:applicant", args=[app.pk])
    app.refresh_from_db()
    assert app.status == "reviewing"
    event = app.events.last()
    assert (event.from_status, event.to_status) == ("submitted", "reviewing")
    assert event.actor == personas.employer_member
    told = status_notes().get()
    assert told.recipient == app.seeker and told.context["status"] == "reviewing"
    assert told.context["job_title"] == "Junior Python Developer"
    html = client.get(response["Location"]).content.decode()
    assert "Lupe Ortiz is in review. We let them know." in html
    assert f"by {personas.employer_member.display_name}" in html


def test_moving_from_the_pipeline_returns_to_it(client, personas, our_job):
    app = application(our_job, status="interview")
    client.force_login(personas.employer)
    response = move(client, app, to="offer", return_to="pipeline")
    assert response.status_code == 302
    assert response["Location"] == (
        reverse("employers:pipeline", args=[our_job.pk]) + f"#application-{app.pk}"
    )
    assert Application.objects.get(pk=app.pk).status == "offer"


def test_moving_back_a_step(client, personas, our_job):
    app = application(our_job, status="interview")
    client.force_login(personas.employer)
    assert move(client, app, to="reviewing").status_code == 302
    assert Application.objects.get(pk=app.pk).status == "reviewing"


def test_rejecting_with_a_reason(client, personas, our_job):
    app = application(our_job, status="reviewing")
    client.force_login(personas.employer)
    response = move(client, app, to="rejected", reason="schedule", return_to="pipeline")
    assert response.status_code == 302
    app.refresh_from_db()
    assert app.status == "rejected" and app.rejection_reason == "schedule"
    assert app.events.last().reason == "schedule"
    assert status_notes().get().context["status"] == "rejected"
    html = client.get(reverse("employers:applicant", args=[app.pk])).content.decode()
    assert "Reason: Schedule or location does not fit" in html


def test_a_reason_is_dropped_for_other_moves(client, personas, our_job):
    app = application(our_job)
    client.force_login(personas.employer)
    assert move(client, app, to="interview", reason="filled").status_code == 302
    app.refresh_from_db()
    assert app.status == "interview" and app.rejection_reason == ""


def test_hiring_leads_to_recording_the_hire(client, personas, our_job):
    app = application(our_job, status="offer")
    client.force_login(personas.employer)
    response = move(client, app, to="hired", confirm="yes", return_to="pipeline")
    assert response.status_code == 302
    assert response["Location"] == reverse("employers:applicant", args=[app.pk])
    html = client.get(response["Location"]).content.decode()
    assert 'data-testid="record-hire"' in html
    hire_url = reverse("employers:hire_create") + f"?application={app.pk}"
    assert f'href="{hire_url}"' in html
    assert "is hired" in html
    assert status_notes().get().context["status"] == "hired"


@pytest.mark.parametrize(
    "status,data,message",
    [
        ("submitted", {"to": "offer"}, "An application marked “Submitted” cannot move to “Offer”."),
        ("submitted", {"to": "hired", "confirm": "yes"}, "cannot move to “Hired”"),
        ("offer", {"to": "hired"}, "so it needs your confirmation"),
        ("offer", {"to": "hired", "confirm": ""}, "so it needs your confirmation"),
        ("hired", {"to": "rejected", "reason": "filled"}, "marked “Hired” cannot move"),
        ("withdrawn", {"to": "reviewing"}, "marked “Withdrawn” cannot move"),
        ("rejected", {"to": "interview"}, "marked “Not selected” cannot move"),
        ("reviewing", {"to": "rejected"}, "Choose the reason from the list."),
        ("reviewing", {"to": "rejected", "reason": ""}, "Choose the reason from the list."),
        ("reviewing", {"to": "rejected", "reason": "rude"}, "Choose the reason from the list."),
        ("reviewing", {"to": "withdrawn"}, "“withdrawn” is not a stage you can move"),
        ("reviewing", {"to": "submitted"}, "“submitted” is not a stage you can move"),
        ("reviewing", {"to": "fired"}, "“fired” is not a stage you can move"),
        ("reviewing", {}, "Choose where to move this applicant."),
    ],
)
@pytest.mark.parametrize("return_to", ["applicant", "pipeline"])
def test_bad_moves_are_400_and_change_nothing(
    client, personas, our_job, status, data, message, return_to
):
    app = application(our_job, status=status, actor=personas.employer)
    events = ApplicationEvent.objects.count()
    client.force_login(personas.employer)
    response = move(client, app, return_to=return_to, **data)
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert 'data-testid="move-error"' in html
    if return_to == "pipeline":
        assert 'data-testid="stage-counts"' in html
    else:
        assert 'id="history-heading"' in html
    app.refresh_from_db()
    assert app.status == status
    assert ApplicationEvent.objects.count() == events
    assert not status_notes().exists()


# ---------------------------------------------------------------------------
# "Mark hired" can't be undone: a page asks first
# ---------------------------------------------------------------------------
@pytest.mark.parametrize("return_to", ["applicant", "pipeline"])
def test_mark_hired_asks_for_confirmation_first(client, personas, our_job, return_to):
    app = application(our_job, seeker(first_name="Lupe", last_name="Ortiz"), status="offer")
    client.force_login(personas.employer)
    page = (
        reverse("employers:pipeline", args=[our_job.pk])
        if return_to == "pipeline"
        else reverse("employers:applicant", args=[app.pk])
    )
    html = client.get(page).content.decode()
    confirm_url = reverse("employers:applicant_confirm_hire", args=[app.pk])
    # The button leads to a page that asks; it is no one-click form button.
    assert f'href="{confirm_url}?return_to={return_to}"' in html
    assert 'name="to" value="hired"' not in html

    response = client.get(f"{confirm_url}?return_to={return_to}")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Mark Lupe Ortiz as hired?" in html
    assert "This can't be undone" in html
    assert 'name="to" value="hired"' in html
    assert f'name="return_to" value="{return_to}"' in html
    assert 'name="confirm" value="yes"' in html
    assert f'href="{page}' in html  # "No, go back" returns where they came from
    app.refresh_from_db()
    assert app.status == "offer" and not status_notes().exists()  # asking changed nothing

    response = move(client, app, to="hired", confirm="yes", return_to=return_to)
    assert response.status_code == 302
    assert response["Location"] == reverse("employers:applicant", args=[app.pk])
    app.refresh_from_db()
    assert app.status == "hired"
    assert status_notes().get().context["status"] == "hired"


def test_mark_hired_without_the_confirmation_changes_nothing(client, personas, our_job):
    app = application(our_job, status="offer")
    client.force_login(personas.employer)
    response = move(client, app, to="hired")
    assert response.status_code == 400
    html = response.content.decode()
    assert "Marking someone hired can&#x27;t be undone, so it needs your confirmation" in html
    app.refresh_from_db()
    assert app.status == "offer"
    assert not status_notes().exists()


@pytest.mark.parametrize("status", ["submitted", "interview", "hired", "rejected"])
def test_the_confirmation_page_of_someone_who_cannot_be_hired_explains(
    client, personas, our_job, status
):
    app = application(our_job, status=status, actor=personas.employer)
    client.force_login(personas.employer)
    response = client.get(reverse("employers:applicant_confirm_hire", args=[app.pk]), follow=True)
    assert response.redirect_chain == [(reverse("employers:applicant", args=[app.pk]), 302)]
    assert "cannot move to “Hired”" in response.content.decode()
    assert Application.objects.get(pk=app.pk).status == status


def test_the_confirmation_page_of_another_employers_applicant_is_404(
    client, personas, our_job, their_job
):
    theirs = application(their_job, status="offer")
    client.force_login(personas.employer)
    response = client.get(reverse("employers:applicant_confirm_hire", args=[theirs.pk]))
    assert response.status_code == 404
    assert "Their Secret Opening" not in response.content.decode()


def test_a_move_needs_post(client, personas, our_job):
    app = application(our_job)
    client.force_login(personas.employer)
    response = client.get(reverse("employers:applicant_move", args=[app.pk]), {"to": "reviewing"})
    assert response.status_code == 405
    assert Application.objects.get(pk=app.pk).status == "submitted"


# ---------------------------------------------------------------------------
# Several at once
# ---------------------------------------------------------------------------
def bulk(client, for_job, **data):
    return client.post(reverse("employers:pipeline_bulk", args=[for_job.pk]), data)


def test_bulk_move_forward_and_back_to_one_stage(client, personas, our_job):
    a, b = application(our_job), application(our_job, status="reviewing")
    back = application(our_job, status="offer")  # offer → interview is a step back: allowed
    client.force_login(personas.employer)
    response = bulk(client, our_job, applications=[a.pk, b.pk, back.pk], to="interview")
    assert response.status_code == 302
    assert response["Location"] == reverse("employers:pipeline", args=[our_job.pk])
    statuses = dict(Application.objects.values_list("pk", "status"))
    assert statuses[a.pk] == statuses[b.pk] == statuses[back.pk] == "interview"
    moves = ApplicationEvent.objects.filter(actor=personas.employer, to_status="interview")
    assert moves.count() == 3
    assert status_notes().count() == 3
    html = client.get(response["Location"]).content.decode()
    assert "3 moved, 0 could not move." in html


def test_bulk_hiring_needs_the_box_ticked(client, personas, our_job):
    offers = [application(our_job, status="offer"), application(our_job, status="offer")]
    ids = [a.pk for a in offers]
    client.force_login(personas.employer)
    html = client.get(reverse("employers:pipeline", args=[our_job.pk])).content.decode()
    assert 'name="confirm" value="yes" id="bulk-confirm"' in html
    response = bulk(client, our_job, applications=ids, to="hired")
    assert response.status_code == 400
    html = response.content.decode()
    assert 'data-testid="bulk-error"' in html
    assert "Marking people hired can&#x27;t be undone: tick the box to confirm" in html
    assert set(Application.objects.values_list("status", flat=True)) == {"offer"}
    assert not status_notes().exists()
    response = bulk(client, our_job, applications=ids, to="hired", confirm="yes")
    assert response.status_code == 302
    assert set(Application.objects.values_list("status", flat=True)) == {"hired"}
    assert status_notes().count() == 2


def test_bulk_move_skips_those_that_cannot_move(client, personas, our_job):
    a = application(our_job)
    hired = application(our_job, status="hired")
    withdrawn = application(our_job, status="withdrawn")
    client.force_login(personas.employer)
    response = bulk(client, our_job, applications=[a.pk, hired.pk, withdrawn.pk], to="reviewing")
    assert response.status_code == 302
    statuses = dict(Application.objects.values_list("pk", "status"))
    assert statuses == {a.pk: "reviewing", hired.pk: "hired", withdrawn.pk: "withdrawn"}
    html = client.get(response["Location"]).content.decode()
    assert "1 moved, 2 could not move." in html
    assert status_notes().count() == 1


def test_bulk_rejection_with_a_reason(client, personas, our_job):
    apps = [application(our_job), application(our_job, status="interview")]
    client.force_login(personas.employer)
    response = bulk(
        client, our_job, applications=[a.pk for a in apps], to="rejected", reason="filled"
    )
    assert response.status_code == 302
    assert set(Application.objects.values_list("status", "rejection_reason").distinct()) == {
        ("rejected", "filled")
    }
    assert status_notes().count() == 2


def test_bulk_ignores_other_jobs_applications(client, personas, our_job, their_job):
    ours = application(our_job)
    theirs = application(their_job)
    other_job_of_ours = application(job(personas.orgs.employer, title="Another of ours"))
    client.force_login(personas.employer)
    response = bulk(
        client, our_job, applications=[ours.pk, theirs.pk, other_job_of_ours.pk], to="reviewing"
    )
    assert response.status_code == 302
    assert Application.objects.get(pk=ours.pk).status == "reviewing"
    assert Application.objects.get(pk=theirs.pk).status == "submitted"
    assert Application.objects.get(pk=other_job_of_ours.pk).status == "submitted"
    html = client.get(response["Location"]).content.decode()
    assert "1 moved, 0 could not move." in html


@pytest.mark.parametrize(
    "data,message",
    [
        ({"to": "reviewing"}, "Choose at least one applicant."),
        ({"to": "rejected", "ids": True}, "Choose the reason from the list."),
        ({"to": "rejected", "reason": "rude", "ids": True}, "Choose the reason from the list."),
        ({"to": "withdrawn", "ids": True}, "is not a stage you can move"),
        ({"to": "nowhere", "ids": True}, "is not a stage you can move"),
        ({"ids": True}, "Choose where to move this applicant."),
        ({"to": "reviewing", "applications": ["x"]}, "The list of applicants is not valid."),
        ({"to": "reviewing", "applications": ["99999999999999"]}, "is not valid"),
        ({"to": "reviewing", "applications": ["-1"]}, "is not valid"),
    ],
)
def test_bad_bulk_moves_are_400_and_change_nothing(client, personas, our_job, data, message):
    app = application(our_job)
    if data.pop("ids", False):
        data["applications"] = [app.pk]
    client.force_login(personas.employer)
    response = bulk(client, our_job, **data)
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert 'data-testid="bulk-error"' in html
    assert Application.objects.get(pk=app.pk).status == "submitted"
    assert ApplicationEvent.objects.filter(application=app).count() == 1
    assert not status_notes().exists()


def test_bulk_with_only_another_jobs_ids_is_400(client, personas, our_job, their_job):
    theirs = application(their_job)
    client.force_login(personas.employer)
    response = bulk(client, our_job, applications=[theirs.pk], to="reviewing")
    assert response.status_code == 400
    assert "Choose at least one applicant." in response.content.decode()
    assert "Their Secret Opening" not in response.content.decode()
    assert Application.objects.get(pk=theirs.pk).status == "submitted"


# ---------------------------------------------------------------------------
# Notes
# ---------------------------------------------------------------------------
def add_note(client, app, text, **headers):
    return client.post(
        reverse("employers:applicant_note", args=[app.pk]), {"text": text}, **headers
    )


def test_adding_a_note(client, personas, our_job):
    app = application(our_job)
    client.force_login(personas.employer_member)
    response = add_note(client, app, "  Strong SQL answers on the phone.  ")
    assert response.status_code == 302
    assert response["Location"] == reverse("employers:applicant", args=[app.pk]) + "#notes"
    note = ApplicationNote.objects.get()
    assert note.application == app and note.author == personas.employer_member
    assert note.text == "Strong SQL answers on the phone."
    html = client.get(response["Location"]).content.decode()
    assert "Your note is saved." in html
    assert "Strong SQL answers on the phone." in html
    # A teammate sees it too; the seeker is never told.
    client.force_login(personas.employer)
    html = client.get(reverse("employers:applicant", args=[app.pk])).content.decode()
    assert "Strong SQL answers on the phone." in html
    assert personas.employer_member.display_name in html
    assert not Notification.objects.filter(recipient=app.seeker).exists()


def test_adding_a_note_with_htmx_returns_the_notes_section(client, personas, our_job):
    app = application(our_job)
    client.force_login(personas.employer)
    response = add_note(client, app, "Call back Monday.", HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith('<section id="notes"')
    assert "Call back Monday." in html and "Your note is saved." in html
    assert "<html" not in html
    assert "HX-Request" in response["Vary"]
    assert ApplicationNote.objects.count() == 1


@pytest.mark.parametrize(
    "text,message",
    [
        ("", "Write the note first."),
        ("   \n  ", "Write the note first."),
        ("x" * 5001, "Keep the note to 5000 characters or fewer (it has 5001)."),
    ],
)
@pytest.mark.parametrize("htmx", [False, True])
def test_bad_notes_are_400_and_save_nothing(client, personas, our_job, text, message, htmx):
    app = application(our_job)
    client.force_login(personas.employer)
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    response = add_note(client, app, text, **headers)
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert 'data-testid="note-error"' in html
    assert ("<html" in html) is not htmx
    assert not ApplicationNote.objects.exists()


def test_a_note_of_exactly_5000_characters_is_fine(client, personas, our_job):
    app = application(our_job)
    client.force_login(personas.employer)
    assert add_note(client, app, "y" * 5000).status_code == 302
    assert len(ApplicationNote.objects.get().text) == 5000


def test_notes_are_the_employers_alone(client, personas, our_job):
    app = application(our_job)
    ApplicationNote.objects.create(application=app, author=personas.employer, text="Private!")
    teammate = member_of(personas.orgs.employer, owner=False, email="hr@suncity.example")
    client.force_login(teammate)
    assert "Private!" in client.get(reverse("employers:applicant", args=[app.pk])).content.decode()
    client.force_login(personas.other_employer)
    response = client.get(reverse("employers:applicant", args=[app.pk]))
    assert response.status_code == 404
    assert "Private!" not in response.content.decode()
