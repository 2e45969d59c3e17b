"""Matching's pages (apps/matching/views.py).

A seeker's own matches, invitations and alerts; another seeker's answer 404, and an
employer's talent page for another employer's job answers 404 (tests/matching/
test_views.py checks both, with every role).
"""

from .rules import PUBLIC, Rule, roles

POST = ("POST",)

RULES = {
    "matching:job_panel": roles("seeker", kwargs="open_job"),
    "matching:talent": roles(
        "employer",
        kwargs="employer_job",
        people=True,
        notes="another approved employer's job answers 404: tests/matching/test_views.py",
    ),
    "matching:invite": roles("employer", methods=POST, kwargs="invite", people=True),
    "matching:mine": roles("seeker"),
    "matching:decline": roles("seeker", methods=POST, kwargs="own_match_invitation"),
    "matching:save_alert": roles("seeker", methods=POST),
    "matching:delete_alert": roles("seeker", methods=POST, kwargs="own_alert"),
    # The one-click link in alert emails: the unguessable token is the permission.
    "matching:stop_alert": Rule(who=PUBLIC, kwargs="alert_token"),
}


def samples(personas):
    from apps.matching.models import JobAlert, JobInvitation
    from tests.factories.employers import JobFactory
    from tests.matching.helpers import seeker_with

    job = JobFactory(employer=personas.orgs.employer, title="Matching Sweep Job")
    profile = seeker_with(["python", "git"], email="discoverable@people.example")
    invitation = JobInvitation.objects.create(
        job=job, seeker=personas.seeker, algorithm_version="test"
    )
    alert = JobAlert.objects.create(user=personas.seeker, query="q=python", q="python")
    return {
        "open_job": {"slug": job.slug},
        "employer_job": {"pk": job.pk},
        "invite": {"pk": job.pk, "profile_pk": profile.pk},
        "own_match_invitation": {"pk": invitation.pk},
        "own_alert": {"pk": alert.pk},
        "alert_token": {"token": alert.token},
    }
