"""The set-based SQL agrees with the Python scoring; fan-outs are idempotent and respect
closing; job alerts match set-based."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.employers.services.jobs import close_job
from apps.matching import scoring, selectors, services, sql
from apps.matching.models import JobAlert
from apps.notifications.models import Notification, Preference, Status
from apps.seekers.models import Demographics
from tests.factories.employers import JobFactory

from .helpers import seeker_with

pytestmark = pytest.mark.django_db

REQUIRED = ["python", "git", "sql"]


@pytest.fixture
def job():
    return JobFactory(required_skills=REQUIRED, preferred_skills=["linux"])


def sql_scores(job, threshold=0):
    with connection.cursor() as cursor:
        cursor.execute(sql.seekers_for_job_sql(), sql.job_params(job, threshold))
        return {profile_id: float(score) for _u, profile_id, score, _h, _t in cursor.fetchall()}


def test_sql_scores_equal_the_python_scoring(job):
    profiles = [
        seeker_with(["python", "git", "sql", "linux"], verified=["python"]),
        seeker_with(["python"], targets=["15-1232"]),
        seeker_with(["git", "linux"], verified=["git", "linux"], availability=["evening"]),
        seeker_with(["sql"]),
    ]
    scores = sql_scores(job)
    job_facts = selectors.job_facts_many([job])[job.pk]
    for profile in profiles:
        expected = scoring.score_job(selectors.seeker_facts(profile), job_facts).score
        assert scores[profile.pk] == pytest.approx(expected)


def test_demographics_and_zip_change_nothing(job):
    profile = seeker_with(["python", "git"])
    before = sql_scores(job)[profile.pk]
    profile.zip_code = "79901"
    profile.save()
    Demographics.objects.create(user=profile.user, veteran="yes", sex="female", birth_year=1960)
    assert sql_scores(job)[profile.pk] == before


def test_fan_out_alerts_good_matches_once_whatever_the_reruns(job):
    strong = seeker_with(["python", "git", "sql"], verified=["python"])
    weak = seeker_with(["python"])
    with CaptureQueriesContext(connection) as queries:
        created = services.fan_out_job(job_id=job.pk)
    assert created == 1
    assert len(queries) <= 10
    assert services.fan_out_job(job_id=job.pk) == 0
    sent = Notification.objects.get(kind="job_match")
    assert sent.recipient == strong.user
    assert not Notification.objects.filter(recipient=weak.user).exists()
    assert sent.context["have"] == 3 and sent.context["total"] == 3
    assert sent.context["algorithm_version"] == scoring.ALGORITHM_VERSION
    assert sent.status == Status.DIGEST  # job matches default to a daily digest


def test_fan_out_follows_each_persons_frequency(job):
    instant = seeker_with(["python", "git", "sql"])
    off = seeker_with(["python", "git", "sql"])
    Preference.objects.create(user=instant.user, category="job_matches", frequency="instant")
    Preference.objects.create(user=off.user, category="job_matches", frequency="off")
    services.fan_out_job(job_id=job.pk)
    assert Notification.objects.get(recipient=instant.user).status == Status.PENDING
    assert Notification.objects.get(recipient=off.user).status == Status.SKIPPED


def test_a_closed_job_sends_no_alerts(job):
    seeker_with(["python", "git", "sql"])
    close_job(job=job)
    assert services.fan_out_job(job_id=job.pk) == 0
    assert not Notification.objects.filter(kind="job_match").exists()


def test_closing_a_job_withdraws_alerts_not_yet_sent(job, django_capture_on_commit_callbacks):
    seeker_with(["python", "git", "sql"])
    services.fan_out_job(job_id=job.pk)
    with django_capture_on_commit_callbacks(execute=True):
        close_job(job=job)
    assert Notification.objects.get(kind="job_match").status == Status.SKIPPED


def test_job_alerts_match_set_based_one_message_per_person(job):
    fits = seeker_with([])
    JobAlert.objects.create(user=fits.user, query="q=technician", q="technician")
    JobAlert.objects.create(user=fits.user, query="work_setting=onsite", work_setting="onsite")
    other = seeker_with([])
    JobAlert.objects.create(user=other.user, query="work_setting=remote", work_setting="remote")
    services.fan_out_job(job_id=job.pk)
    alerts = Notification.objects.filter(kind="job_alert")
    assert [n.recipient for n in alerts] == [fits.user]
    assert "/my/job-alerts/stop/" in alerts[0].context["stop_url"]
    # A match and an alert for the same job: one message.
    both = seeker_with(["python", "git", "sql"])
    JobAlert.objects.create(user=both.user, query="q=technician", q="technician")
    services.fan_out_job(job_id=job.pk)
    assert Notification.objects.filter(recipient=both.user).count() == 1


def test_talent_lists_discoverable_seekers_only(job):
    shown = seeker_with(
        ["python", "git", "sql"], verified=["python", "git", "sql"], targets=["15-1232"]
    )
    seeker_with(["python", "git", "sql"], targets=["15-1232"], discoverable=False)
    talent = selectors.talent_for(job)
    assert [t.profile.pk for t in talent] == [shown.pk]
    assert talent[0].band == scoring.Band.STRONG
    assert [s.slug for s in talent[0].matched] == ["git", "python", "sql"]


def test_jobs_for_a_seeker_best_first(job):
    other = JobFactory(required_skills=["python", "java", "javascript", "sql"])
    profile = seeker_with(["python", "git", "sql"])
    jobs = selectors.jobs_for(profile)
    assert [r.job for r in jobs] == [job, other]
    assert jobs[0].reasons.startswith("You have 3 of 3 required skills.")


def test_query_counts_do_not_grow_with_the_data(job):
    def counts():
        Notification.objects.all().delete()
        profile = seeker_with(["python", "git", "sql"])
        with CaptureQueriesContext(connection) as fan_out:
            services.fan_out_job(job_id=job.pk)
        with CaptureQueriesContext(connection) as talent:
            selectors.talent_for(job)
        with CaptureQueriesContext(connection) as jobs:
            selectors.jobs_for(profile)
        return len(fan_out), len(talent), len(jobs)

    small = counts()
    for _ in range(5):
        seeker_with(["python", "git", "sql"])
        JobFactory(required_skills=["python", "sql"])
    assert counts() == small
