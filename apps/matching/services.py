"""Writes: the index of open jobs by skill, the set-based fan-outs, invitations to apply,
job alerts."""

from datetime import timedelta
from urllib.parse import urlencode

from django.db import IntegrityError, connection, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from apps.accounts.models import Role
from apps.core.emails import absolute_url
from apps.employers.models import Application, Job
from apps.employers.selectors import HOURS_PER_YEAR, JobFilters, job_search
from apps.notifications.fanout import notify_query
from apps.notifications.models import Notification, Status
from apps.notifications.services import Message, notify, notify_many
from apps.seekers.models import SeekerProfile
from apps.skills.models import Skill
from apps.trainings.models import Cohort, Enrollment, Program

from . import scoring, selectors, sql
from .models import InvitationStatus, JobAlert, JobInvitation, OpenJobSkill

# Kinds that announce a job, and so die with it.
JOB_NEWS_KINDS = ("job_match", "job_alert")
INVITES_PER_JOB_PER_DAY = 25


class MatchingError(Exception):
    """A refused action, with a message for the person."""


def _job_news_key(sql_user: str) -> str:
    # One message per person per job: a match and a saved search share the key.
    return f"'job-news:' || %(job_id)s || ':' || {sql_user}"


def _skill_list_sql(skills_sql: str) -> str:
    return f"""COALESCE((SELECT jsonb_agg(jsonb_build_object('en', s.name_en, 'es', s.name_es)
        ORDER BY s.name_en) FROM {Skill._meta.db_table} s WHERE s.id IN ({skills_sql})),
        '[]'::jsonb)"""


# ---------------------------------------------------------------------------
# The index of open jobs by skill (models.OpenJobSkill)
# ---------------------------------------------------------------------------
def index_open_jobs(*, job_id: int | None = None) -> int:
    """Rewrite the index rows of one job (`job_id`) or of every job: the old rows go, an
    open job's rows are inserted again (one INSERT … SELECT), a job no longer open keeps
    none. Idempotent: safe to rerun, and to run in any order with `unindex_job`. Returns
    how many rows were written."""
    params = {"today": timezone.localdate(), "job_id": job_id}
    with transaction.atomic():
        rows = OpenJobSkill.objects.all()
        (rows if job_id is None else rows.filter(job_id=job_id)).delete()
        with connection.cursor() as cursor:
            cursor.execute(sql.index_open_jobs_sql(one_job=job_id is not None), params)
            return cursor.rowcount


def unindex_job(*, job_id: int) -> None:
    """A closed job leaves the index at once (recommendations stop showing it)."""
    OpenJobSkill.objects.filter(job_id=job_id).delete()


# ---------------------------------------------------------------------------
# Fan-out
# ---------------------------------------------------------------------------
def fan_out_job(*, job_id: int) -> int:
    """Alert every seeker who matches a newly published job, and every saved search it fits.

    Two INSERT … SELECT statements whatever the number of seekers; a rerun creates nothing
    twice. A job no longer open sends nothing. Returns how many notifications were new.
    (The job's entry in the index of open jobs is `index_open_jobs`' work, a task of its
    own: see receivers.py.)
    """
    job = Job.objects.published().select_related("employer").filter(pk=job_id).first()
    if job is None:
        return 0
    if connection.vendor != "postgresql":
        return _fan_out_job_embedded(job)
    facts = selectors.job_facts_many([job])[job.pk]
    params = {
        **sql.job_params(job, scoring.ALERT_THRESHOLD),
        "title": job.title,
        "employer": job.employer.name,
        "url": reverse("employers:job", kwargs={"slug": job.slug}),
        "version": scoring.ALGORITHM_VERSION,
        "site": absolute_url(""),
    }
    missing = _skill_list_sql(
        f"SELECT r.skill_id FROM {sql.T['req']} r WHERE r.job_id = %(job_id)s "
        f"AND r.skill_id NOT IN (SELECT skill_id FROM {sql.T['sskill']} "
        f"WHERE profile_id = m.profile_id)"
    )
    matches = f"""
        SELECT m.user_id, {_job_news_key("m.user_id")} AS dedupe_key,
               jsonb_build_object(
                 'job_id', %(job_id)s, 'job_title', %(title)s, 'employer_name', %(employer)s,
                 'url', %(url)s, 'score', round(m.score)::int,
                 'band', CASE WHEN m.score >= {scoring.STRONG} THEN 'strong' ELSE 'good' END,
                 'have', m.req_have, 'total', m.req_total, 'missing', {missing},
                 'algorithm_version', %(version)s
               ) AS context
        FROM ({sql.seekers_for_job_sql(facts)}) m
        WHERE NOT EXISTS (
            SELECT 1 FROM {Application._meta.db_table} a
            WHERE a.job_id = %(job_id)s AND a.seeker_id = m.user_id
        )
    """
    yearly_max = (
        f"(CASE WHEN j.pay_unit = 'hour' THEN j.pay_max * {HOURS_PER_YEAR} ELSE j.pay_max END)"
    )
    alerts = f"""
        SELECT DISTINCT ON (a.user_id) a.user_id, {_job_news_key("a.user_id")} AS dedupe_key,
               jsonb_build_object(
                 'job_id', %(job_id)s, 'job_title', %(title)s, 'employer_name', %(employer)s,
                 'url', %(url)s, 'search_url', %(site)s || '/jobs/?' || a.query,
                 'stop_url', %(site)s || '/my/job-alerts/stop/' || a.token || '/',
                 'algorithm_version', %(version)s
               ) AS context
        FROM {JobAlert._meta.db_table} a
        JOIN {sql.T["job"]} j ON j.id = %(job_id)s
        WHERE (a.q = '' OR j.search_vector @@ (websearch_to_tsquery('english', a.q)
                                             || websearch_to_tsquery('spanish', a.q)))
          AND (a.skill_id IS NULL OR a.skill_id IN (
                SELECT skill_id FROM {sql.T["req"]} WHERE job_id = %(job_id)s
                UNION SELECT skill_id FROM {sql.T["pref"]} WHERE job_id = %(job_id)s))
          AND (a.occupation_id IS NULL OR a.occupation_id = j.occupation_id)
          AND (a.work_setting = '' OR a.work_setting = j.work_setting)
          AND (a.schedule = '' OR a.schedule = j.schedule)
          AND (a.yearly_pay_from IS NULL OR {yearly_max} >= a.yearly_pay_from)
          AND (NOT a.no_degree OR NOT j.degree_required)
          AND (a.employer_id IS NULL OR a.employer_id = j.employer_id)
        ORDER BY a.user_id, a.id
    """
    with transaction.atomic():
        created = notify_query(kind="job_match", select_sql=matches, params=params)
        created += notify_query(kind="job_alert", select_sql=alerts, params=params)
    return created


def _job_context(job: Job) -> dict:
    return {
        "job_id": job.pk,
        "job_title": job.title,
        "employer_name": job.employer.name,
        "url": reverse("employers:job", kwargs={"slug": job.slug}),
        "algorithm_version": scoring.ALGORITHM_VERSION,
    }


def _fan_out_job_embedded(job: Job) -> int:
    """The embedded SQLite default (`make run`, a handful of rows): the same rules, in Python,
    through notify_many (same dedupe keys, so still exactly once)."""
    facts = selectors.job_facts_many([job])[job.pk]
    wanted = facts.required | facts.preferred
    applied = set(Application.objects.filter(job=job).values_list("seeker_id", flat=True))
    profiles = (
        SeekerProfile.objects.filter(
            skills__skill_id__in=wanted, user__is_active=True, user__role=Role.SEEKER
        )
        .exclude(user_id__in=applied)
        .select_related("user")
        .distinct()
    )
    messages, notified = [], set()
    for profile in profiles:
        match = selectors.match_for_job(profile, job)
        if match.match.score >= scoring.ALERT_THRESHOLD:
            context = {
                **_job_context(job),
                "score": match.match.points,
                "band": match.match.band,
                "have": len(match.match.matched_required),
                "total": len(facts.required),
                "missing": [{"en": s.name_en, "es": s.name_es} for s in match.missing],
            }
            messages.append(
                Message(profile.user, "job_match", _job_key(job, profile.user_id), context)
            )
            notified.add(profile.user_id)
    site = absolute_url("")
    for alert in JobAlert.objects.select_related("user").order_by("user_id", "pk"):
        if alert.user_id in notified or not alert_fits(alert, job):
            continue
        notified.add(alert.user_id)
        context = {
            **_job_context(job),
            "search_url": f"{site}/jobs/?{alert.query}",
            "stop_url": site + reverse("matching:stop_alert", kwargs={"token": alert.token}),
        }
        messages.append(Message(alert.user, "job_alert", _job_key(job, alert.user_id), context))
    return notify_many(messages)


def _job_key(job: Job, user_id: int) -> str:
    return f"job-news:{job.pk}:{user_id}"


def alert_fits(alert: JobAlert, job: Job) -> bool:
    """A saved search's filters, applied to one job (the embedded path)."""
    filters = JobFilters(
        q=alert.q,
        skill=alert.skill_id,
        occupation=alert.occupation_id,
        work_setting=alert.work_setting,
        schedule=alert.schedule,
        pay_from=alert.yearly_pay_from,
        pay_unit="year",
        no_degree=alert.no_degree,
        employer=str(alert.employer_id or ""),  # the search takes a name, or an id as text
        sort="newest",
    )
    return job.pk in job_search(filters).ids


def withdraw_job_alerts(*, job_id: int) -> int:
    """A closed job's alerts that have not gone out yet never will (one UPDATE)."""
    return Notification.objects.filter(
        kind__in=JOB_NEWS_KINDS,
        context__job_id=job_id,
        status__in=[Status.PENDING, Status.DIGEST],
    ).update(status=Status.SKIPPED, last_error="job closed")


def fan_out_cohort(*, cohort_id: int) -> int:
    """A new class: tell the seekers aiming at its occupations who lack a skill it teaches."""
    cohort = (
        Cohort.objects.filter(
            pk=cohort_id,
            program__in=Program.objects.published(),
            enrollment_deadline__gte=timezone.localdate(),
        )
        .select_related("program__provider")
        .first()
    )
    if cohort is None or connection.vendor != "postgresql":
        return 0  # the embedded SQLite default sends no training matches
    program = cohort.program
    params = {
        "cohort_id": cohort.pk,
        "program_id": program.pk,
        "title": program.title,
        "provider": program.provider.name,
        "start": cohort.start_date.isoformat(),
        "url": reverse("trainings:program", kwargs={"slug": program.slug}),
        "version": scoring.ALGORITHM_VERSION,
    }
    teaches = f"SELECT skill_id FROM {sql.T['program_skill']} WHERE program_id = %(program_id)s"
    gap = _skill_list_sql(
        f"{teaches} AND skill_id NOT IN (SELECT skill_id FROM {sql.T['sskill']} "
        f"WHERE profile_id = sp.id)"
    )
    select = f"""
        SELECT sp.user_id, 'training-match:' || %(cohort_id)s || ':' || sp.user_id AS dedupe_key,
               jsonb_build_object(
                 'program_title', %(title)s, 'provider_name', %(provider)s,
                 'start_date', %(start)s, 'url', %(url)s, 'skills', {gap},
                 'algorithm_version', %(version)s
               ) AS context
        FROM {sql.T["profile"]} sp
        JOIN {sql.T["user"]} u ON u.id = sp.user_id AND u.is_active AND u.role = 'seeker'
        WHERE EXISTS (
            SELECT 1 FROM {sql.T["targets"]} t
            JOIN {sql.T["program_occ"]} po ON po.occupation_id = t.occupation_id
            WHERE t.seekerprofile_id = sp.id AND po.program_id = %(program_id)s)
          AND EXISTS (
            SELECT 1 FROM ({teaches}) taught
            WHERE taught.skill_id NOT IN (
                SELECT skill_id FROM {sql.T["sskill"]} WHERE profile_id = sp.id))
          AND NOT EXISTS (
            SELECT 1 FROM {Enrollment._meta.db_table} e
            JOIN {sql.T["cohort"]} c ON c.id = e.cohort_id
            WHERE e.seeker_id = sp.user_id AND c.program_id = %(program_id)s)
    """
    with transaction.atomic():
        return notify_query(kind="training_match", select_sql=select, params=params)


# ---------------------------------------------------------------------------
# Invitations to apply
# ---------------------------------------------------------------------------
def invite(*, job: Job, profile: SeekerProfile, invited_by) -> JobInvitation:
    """Invite a discoverable seeker who matches an open job. Raises MatchingError."""
    if not job.is_open:
        raise MatchingError(_("This job is not open: nobody can be invited to it."))
    if not profile.discoverable:
        raise MatchingError(_("This person is not looking for employers' invitations."))
    match = selectors.match_for_job(profile, job)
    if not match.match.band:
        raise MatchingError(_("This person does not match the job."))
    since = timezone.now() - timedelta(days=1)
    with transaction.atomic():
        # One invitation at a time per job: the daily count can't be raced past.
        Job.objects.select_for_update().filter(pk=job.pk).first()
        if JobInvitation.objects.filter(job=job, created_at__gte=since).count() >= (
            INVITES_PER_JOB_PER_DAY
        ):
            raise MatchingError(
                ngettext(
                    "You have sent %(count)s invitation for this job in the last 24 hours, "
                    "the most allowed. Try again tomorrow.",
                    "You have sent %(count)s invitations for this job in the last 24 hours, "
                    "the most allowed. Try again tomorrow.",
                    INVITES_PER_JOB_PER_DAY,
                )
                % {"count": INVITES_PER_JOB_PER_DAY}
            )
        try:
            with transaction.atomic():
                invitation = JobInvitation.objects.create(
                    job=job,
                    seeker_id=profile.user_id,
                    invited_by=invited_by,
                    score=match.match.points,
                    algorithm_version=scoring.ALGORITHM_VERSION,
                )
        except IntegrityError:
            raise MatchingError(_("You already invited this person to this job.")) from None
        notify(
            kind="job_invitation",
            recipient=profile.user,
            dedupe_key=f"job-invitation:{invitation.pk}",
            context={
                "job_id": job.pk,
                "job_title": job.title,
                "employer_name": job.employer.name,
                "url": reverse("employers:job", kwargs={"slug": job.slug}),
                "have": len(match.match.matched_required),
                "total": len(match.match.matched_required) + len(match.match.missing_required),
                "missing": [{"en": s.name_en, "es": s.name_es} for s in match.missing],
                "algorithm_version": scoring.ALGORITHM_VERSION,
            },
        )
    return invitation


def decline_invitation(*, user, invitation_id: int) -> bool:
    return bool(
        JobInvitation.objects.filter(
            pk=invitation_id, seeker=user, status=InvitationStatus.INVITED
        ).update(status=InvitationStatus.DECLINED, declined_at=timezone.now())
    )


# ---------------------------------------------------------------------------
# Job alerts
# ---------------------------------------------------------------------------
ALERT_FIELDS = ("q", "skill", "occupation", "work_setting", "schedule", "no_degree", "employer")
MAX_ALERTS = 20


def alert_query(filters: JobFilters) -> str:
    """The search page's address for these filters (only the ones in use)."""
    pairs = [(name, getattr(filters, name)) for name in ALERT_FIELDS]
    if filters.pay_from:
        pairs += [("pay_from", filters.pay_from), ("pay_unit", filters.pay_unit)]
    return urlencode(
        [(k, "on" if v is True else v) for k, v in pairs if v not in (None, "", False)]
    )


def save_alert(*, user, filters: JobFilters) -> tuple[JobAlert, bool]:
    """A job alert for a search's filters (the same filters twice: the same alert)."""
    if JobAlert.objects.filter(user=user).count() >= MAX_ALERTS:
        raise MatchingError(
            ngettext(
                "You have %(count)s job alert, the most allowed. Stop it to add another.",
                "You have %(count)s job alerts, the most allowed. Stop one to add another.",
                MAX_ALERTS,
            )
            % {"count": MAX_ALERTS}
        )
    query = alert_query(filters)
    if len(query) > JobAlert._meta.get_field("query").max_length:
        raise MatchingError(_("This search is too long to save. Shorten the search words."))
    yearly = None
    if filters.pay_from:
        yearly = filters.pay_from * (HOURS_PER_YEAR if filters.pay_unit == "hour" else 1)
    return JobAlert.objects.get_or_create(
        user=user,
        query=query,
        defaults={
            "q": filters.q[:200],
            "skill_id": filters.skill,
            "occupation_id": filters.occupation,
            "work_setting": filters.work_setting,
            "schedule": filters.schedule,
            "yearly_pay_from": yearly,
            "no_degree": filters.no_degree,
            "employer_id": filters.employer,
        },
    )


def stop_alert(*, token) -> bool:
    return bool(JobAlert.objects.filter(token=token).delete()[0])


def delete_alert(*, user, alert_id: int) -> bool:
    return bool(JobAlert.objects.filter(pk=alert_id, user=user).delete()[0])
