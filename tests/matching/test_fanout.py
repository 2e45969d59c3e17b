"""The set-based SQL and the index of open jobs agree with the Python scoring; the index
follows jobs; fan-outs are idempotent and respect closing; job alerts match set-based."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from apps.accounts.models import Organization
from apps.employers.models import Job
from apps.employers.services.jobs import approve_job, close_job, submit_job
from apps.matching import scoring, selectors, services, sql
from apps.matching.models import JobAlert, OpenJobSkill
from apps.notifications.models import Notification, Preference, Status
from apps.seekers.models import Demographics
from apps.skills.models import Occupation
from apps.trainings.services import publish_program
from tests.factories.employers import JobFactory
from tests.factories.trainings import CohortFactory, EnrollmentFactory, ProgramFactory

from .helpers import seeker_with, skills

pytestmark = pytest.mark.django_db

REQUIRED = ["python", "git", "sql"]


@pytest.fixture
def job():
    return JobFactory(required_skills=REQUIRED, preferred_skills=["linux"])


def sql_scores(job, threshold=0):
    facts = selectors.job_facts_many([job])[job.pk]
    with connection.cursor() as cursor:
        cursor.execute(sql.seekers_for_job_sql(facts), sql.job_params(job, threshold))
        return {profile_id: float(score) for _u, profile_id, score, _h, _t in cursor.fetchall()}


def index_scores(profile, threshold=0):
    """A seeker's scores for every open job sharing a skill, from the index of open jobs."""
    facts = selectors.seeker_facts(profile)
    with connection.cursor() as cursor:
        cursor.execute(
            sql.jobs_for_seeker_sql(),
            {
                "profile_id": profile.pk,
                "today": timezone.localdate(),
                "work_settings": facts.work_settings,
                "availability": facts.availability,
                "threshold": threshold,
                "limit": 1000,
            },
        )
        return {job_id: float(score) for job_id, score in cursor.fetchall()}


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


def test_the_index_of_open_jobs_scores_equal_the_python_scoring():
    jobs = [
        JobFactory(required_skills=REQUIRED, preferred_skills=["linux"]),
        JobFactory(required_skills=["python"], work_setting="remote", schedule="evening"),
        JobFactory(required_skills=["java", "sql"], preferred_skills=["git", "python"]),
        JobFactory(required_skills=["java"], preferred_skills=["linux"], schedule="flexible"),
        # Required and preferred at once: required only, in SQL and in Python alike.
        JobFactory(required_skills=["python", "git"], preferred_skills=["python"]),
    ]
    profiles = [
        seeker_with(["python", "git", "sql", "linux"], verified=["python"]),
        seeker_with(["python"], targets=["15-1232"], availability=["evening"]),
        seeker_with(["linux"], verified=["linux"]),
    ]
    job_facts = selectors.job_facts_many(jobs)
    for profile in profiles:
        facts = selectors.seeker_facts(profile)
        scores = index_scores(profile)
        for job in jobs:
            expected = scoring.score_job(facts, job_facts[job.pk])
            if not (expected.matched_required or expected.matched_preferred):
                assert job.pk not in scores  # shares no skill: never a candidate
            else:
                assert scores[job.pk] == pytest.approx(expected.score), (profile, job)


def test_the_index_follows_each_job_from_publication_to_closing(
    personas, django_capture_on_commit_callbacks
):
    profile = seeker_with(["python", "git", "sql"])
    job = JobFactory(employer=personas.orgs.employer, status="draft", required_skills=REQUIRED)
    assert not OpenJobSkill.objects.exists()
    submit_job(job=job)
    with django_capture_on_commit_callbacks(execute=True):
        approve_job(job=job, reviewer=personas.staff)
    assert set(OpenJobSkill.objects.values_list("job_id", "required")) == {(job.pk, True)}
    assert [r.job for r in selectors.jobs_for(profile)] == [job]
    with django_capture_on_commit_callbacks(execute=True):
        close_job(job=job)
    assert not OpenJobSkill.objects.exists()
    assert selectors.jobs_for(profile) == []


def test_a_job_no_longer_open_is_never_recommended_even_before_the_index_knows(personas):
    profile = seeker_with(["python", "git", "sql"])
    expired, rejected, closed, fine = (JobFactory(required_skills=REQUIRED) for _ in range(4))
    Job.objects.filter(pk=expired.pk).update(closes_on=timezone.localdate() - timedelta(days=1))
    Organization.objects.filter(pk=rejected.employer_id).update(
        status="rejected", rejection_reason="Not a tech employer."
    )
    Job.objects.filter(pk=closed.pk).update(status="closed")  # no event: a missed one
    assert [r.job for r in selectors.jobs_for(profile)] == [fine]
    # The nightly rebuild drops what the events missed.
    assert services.index_open_jobs() == 3
    assert set(OpenJobSkill.objects.values_list("job_id", flat=True)) == {fine.pk}


def test_rebuilding_the_index_gives_what_the_events_built():
    for i in range(3):
        JobFactory(required_skills=REQUIRED[: i + 1], preferred_skills=["linux"])
    JobFactory(status="draft")
    fields = [f.name for f in OpenJobSkill._meta.fields if f.name != "id"]
    incremental = sorted(OpenJobSkill.objects.values_list(*fields))
    assert len(incremental) == 1 + 1 + 2 + 1 + 3 + 1
    services.index_open_jobs()
    assert sorted(OpenJobSkill.objects.values_list(*fields)) == incremental


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


def test_job_alerts_follow_each_persons_frequency_and_stop_in_one_click(client, job):
    expected = {
        "instant": (Status.PENDING, ""),
        "daily": (Status.DIGEST, "daily"),
        "weekly": (Status.DIGEST, "weekly"),
        "off": (Status.SKIPPED, ""),
    }
    people = {}
    for frequency in expected:
        profile = seeker_with([], email=f"{frequency}@people.example")
        Preference.objects.create(user=profile.user, category="job_matches", frequency=frequency)
        JobAlert.objects.create(user=profile.user, query="q=technician", q="technician")
        people[frequency] = profile.user
    assert services.fan_out_job(job_id=job.pk) == len(expected)
    for frequency, user in people.items():
        sent = Notification.objects.get(recipient=user, kind="job_alert")
        assert (sent.status, sent.digest_period) == expected[frequency], frequency
    # The alert's own link stops it, without signing in: GET asks, POST stops.
    stop = Notification.objects.get(recipient=people["daily"]).context["stop_url"]
    path = stop.split("://", 1)[-1].split("/", 1)[1]
    assert client.get(f"/{path}", follow=True).status_code == 200
    client.post(f"/{path}", follow=True)
    assert not JobAlert.objects.filter(user=people["daily"]).exists()
    assert JobAlert.objects.filter(user=people["weekly"]).exists()


def test_the_embedded_fan_out_notifies_the_same_people_as_the_sql_one(job, personas):
    """`make run` (SQLite) sends the job's alerts through the Python path: same people,
    same kinds, same dedupe keys as the set-based statements."""
    seeker_with(["python", "git", "sql"], email="match@people.example")
    seeker_with(["python"], email="weak@people.example")
    searcher = seeker_with([], email="search@people.example")
    JobAlert.objects.create(user=searcher.user, query="q=technician", q="technician")
    by_employer = seeker_with([], email="employer-alert@people.example")
    JobAlert.objects.create(
        user=by_employer.user, query=f"employer={job.employer_id}", employer=job.employer
    )
    elsewhere = seeker_with([], email="remote@people.example")
    JobAlert.objects.create(user=elsewhere.user, query="work_setting=remote", work_setting="remote")

    def sent():
        return set(Notification.objects.values_list("recipient__email", "kind", "dedupe_key"))

    services.fan_out_job(job_id=job.pk)
    set_based = sent()
    Notification.objects.all().delete()
    services._fan_out_job_embedded(Job.objects.select_related("employer").get(pk=job.pk))
    assert sent() == set_based
    assert {(email, kind) for email, kind, _key in set_based} == {
        ("match@people.example", "job_match"),
        ("search@people.example", "job_alert"),
        ("employer-alert@people.example", "job_alert"),
    }


def test_a_new_class_tells_the_seekers_it_would_help_once(
    personas, django_capture_on_commit_callbacks
):
    """cohort_published → training_match for seekers aiming at one of the program's
    occupations who lack a skill it teaches and are not enrolled; reruns add nothing."""
    support = Occupation.objects.get(soc_code="15-1232")
    program = ProgramFactory(
        provider=personas.orgs.provider,
        title="Linux Nights",
        skills=skills("linux", "sql"),
        occupations=[support],
    )
    cohort = CohortFactory(program=program)
    lacks = seeker_with(["python", "sql"], targets=["15-1232"], email="lacks@people.example")
    seeker_with(["linux", "sql"], targets=["15-1232"], email="has-all@people.example")
    seeker_with(["python"], targets=["15-1212"], email="other-goal@people.example")
    enrolled = seeker_with(["python"], targets=["15-1232"], email="enrolled@people.example")
    EnrollmentFactory(cohort=cohort, seeker=enrolled.user, status="applied")
    with django_capture_on_commit_callbacks(execute=True):
        publish_program(program=program)
    sent = Notification.objects.filter(kind="training_match")
    assert [n.recipient for n in sent] == [lacks.user]
    context = sent[0].context
    assert context["program_title"] == "Linux Nights"
    assert [s["en"] for s in context["skills"]] == ["Linux"]  # only what they lack
    assert context["algorithm_version"] == scoring.ALGORITHM_VERSION
    assert services.fan_out_cohort(cohort_id=cohort.pk) == 0
    assert sent.count() == 1
