"""The scoring of scoring.py, in SQL: seekers × one job, and one seeker × open jobs.

Skill overlap weights, the required/preferred coverage, the occupation test and the bit
tests on work settings and availability are computed by the database in one statement, so
a fan-out over 100,000 seekers is one query whatever their number.
tests/matching/test_fanout.py checks that these scores equal `scoring.score_job` on the same
data. The statements are plain SQL that SQLite runs too (the embedded default); skill ids
are written into them as integer lists, never as text from a person.
"""

import re

from django.db.models.expressions import RawSQL
from django.utils import timezone

from apps.accounts.models import Organization, Role
from apps.employers.models import Job, JobStatus
from apps.seekers.models import SeekerProfile, SeekerSkill
from apps.skills.vocabulary import Schedule, WorkSetting
from apps.trainings.models import Cohort, Enrollment, EnrollmentStatus, Program

from . import scoring
from .models import JobInvitation, OpenJobSkill

T = {
    "job": Job._meta.db_table,
    "req": Job.required_skills.through._meta.db_table,
    "pref": Job.preferred_skills.through._meta.db_table,
    "org": Organization._meta.db_table,
    "profile": SeekerProfile._meta.db_table,
    "targets": SeekerProfile.target_occupations.through._meta.db_table,
    "sskill": SeekerSkill._meta.db_table,
    "enrollment": Enrollment._meta.db_table,
    "cohort": Cohort._meta.db_table,
    "program_occ": Program.occupations.through._meta.db_table,
    "program_skill": Program.skills.through._meta.db_table,
    "program": Program._meta.db_table,
    "user": SeekerProfile.user.field.related_model._meta.db_table,
    "index": OpenJobSkill._meta.db_table,
    "invitation": JobInvitation._meta.db_table,
}


def case_bits(column: str, vocabulary) -> str:
    """SQL turning a single-valued code column into its bit (codes are our own constants)."""
    whens = " ".join(f"WHEN '{m.value}' THEN {m.bit}" for m in vocabulary)
    return f"(CASE {column} {whens} ELSE 0 END)"


# The occupations a seeker aims at: targets, and those of trainings they completed.
SEEKER_OCCUPATION_SQL = f"""
    SELECT t.seekerprofile_id AS profile_id, t.occupation_id FROM {T["targets"]} t
    UNION
    SELECT sp.id, po.occupation_id
    FROM {T["enrollment"]} e
    JOIN {T["profile"]} sp ON sp.user_id = e.seeker_id
    JOIN {T["cohort"]} c ON c.id = e.cohort_id
    JOIN {T["program_occ"]} po ON po.program_id = c.program_id
    WHERE e.status = '{EnrollmentStatus.COMPLETED.value}'
"""


def _score_expression(req_w, nreq, pref_w, npref, occ_fits, ws_fits, sched_fits) -> str:
    return f"""(
        CASE WHEN {nreq} = 0 THEN {scoring.REQUIRED_POINTS}.0
             ELSE {scoring.REQUIRED_POINTS}.0 * {req_w} / ({scoring.VERIFIED} * {nreq}) END
      + CASE WHEN {npref} = 0 THEN {scoring.PREFERRED_POINTS}.0
             ELSE {scoring.PREFERRED_POINTS}.0 * {pref_w} / ({scoring.VERIFIED} * {npref}) END
      + CASE WHEN {occ_fits} THEN {scoring.OCCUPATION_POINTS} ELSE 0 END
      + CASE WHEN {ws_fits} THEN {scoring.SETTING_POINTS} ELSE 0 END
      + CASE WHEN {sched_fits} THEN {scoring.SCHEDULE_POINTS} ELSE 0 END
    )"""


REST = (
    scoring.PREFERRED_POINTS
    + scoring.OCCUPATION_POINTS
    + scoring.SETTING_POINTS
    + scoring.SCHEDULE_POINTS
)
WEIGHT = f"(CASE WHEN ss.verified THEN {scoring.VERIFIED} ELSE {scoring.SELF_REPORTED} END)"


PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def positional(statement: str, params: dict) -> tuple[str, list]:
    """A statement with named placeholders as one with positional ones and its list of
    values, to run inside an ORM query (`RawSQL`), which takes positional ones only."""
    names = PLACEHOLDER.findall(statement)
    return PLACEHOLDER.sub("%s", statement), [params[name] for name in names]


def id_list(ids) -> str:
    """Integer ids as an SQL list ("NULL" for none: `x IN (NULL)` matches nothing)."""
    return ", ".join(str(int(i)) for i in sorted(ids)) or "NULL"


def seekers_for_job_sql(job: scoring.JobFacts, *, discoverable_only: bool = False) -> str:
    """Every seeker (an active user with a seeker profile) with their score for `job`, for
    those scoring at least %(threshold)s. Columns: user_id, profile_id, score, req_have,
    req_total. The job's occupation and bits come as %(occupation_id)s, %(ws_bit)s and
    %(schedule_bit)s (`job_params`); its skills are written into the statement.

    One pass over the holders of the job's skills (the covering index
    `seekers_skill_holders`), grouped by seeker; a seeker whose required-skill points can't
    reach the threshold even with every other point is dropped in the HAVING, in integers,
    before any profile is read."""
    required, preferred = job.required, job.preferred - job.required
    req, wanted = id_list(required), id_list(required | preferred)
    nreq, npref = len(required), len(preferred)
    discoverable = "AND sp.discoverable" if discoverable_only else ""
    occ_fits = f"""EXISTS (
        SELECT 1 FROM {T["targets"]} t
        WHERE t.seekerprofile_id = sp.id AND t.occupation_id = %(occupation_id)s
    ) OR EXISTS (
        SELECT 1 FROM {T["enrollment"]} e
        JOIN {T["cohort"]} c ON c.id = e.cohort_id
        JOIN {T["program_occ"]} po ON po.program_id = c.program_id
        WHERE e.seeker_id = sp.user_id AND e.status = '{EnrollmentStatus.COMPLETED.value}'
          AND po.occupation_id = %(occupation_id)s
    )"""
    sched_fits = (
        f"(sp.availability = 0 OR (sp.availability & %(schedule_bit)s) <> 0 "
        f"OR (%(schedule_bit)s & {scoring.FITS_ANY_BITS}) <> 0)"
    )
    score = _score_expression(
        "o.req_w",
        str(nreq),
        "o.pref_w",
        str(npref),
        occ_fits,
        "(sp.work_settings & %(ws_bit)s) <> 0",
        sched_fits,
    )
    req_w = f"sum(CASE WHEN ss.skill_id IN ({req}) THEN {WEIGHT} ELSE 0 END)"
    # Everything but the required skills adds up to REST points at most:
    # 60·req_w / (10·nreq) + REST >= threshold, multiplied out to stay in integers.
    reachable = (
        "1 = 1"
        if not nreq
        else f"{scoring.REQUIRED_POINTS} * {req_w} + {REST * scoring.VERIFIED * nreq} "
        f">= %(threshold)s * {scoring.VERIFIED * nreq}"
    )
    return f"""
        WITH overlap AS (
            SELECT ss.profile_id, {req_w} AS req_w,
                   sum(CASE WHEN ss.skill_id IN ({req}) THEN 1 ELSE 0 END) AS req_have,
                   sum(CASE WHEN ss.skill_id IN ({req}) THEN 0 ELSE {WEIGHT} END) AS pref_w
            FROM {T["sskill"]} ss
            WHERE ss.skill_id IN ({wanted})
            GROUP BY ss.profile_id
            HAVING {reachable}
        ),
        scored AS (
            SELECT sp.user_id, sp.id AS profile_id, o.req_have, {nreq} AS req_total,
                   {score} AS score
            FROM overlap o
            JOIN {T["profile"]} sp ON sp.id = o.profile_id {discoverable}
            JOIN {T["user"]} u ON u.id = sp.user_id
                 AND u.is_active AND u.role = '{Role.SEEKER.value}'
        )
        SELECT user_id, profile_id, score, req_have, req_total
        FROM scored WHERE score >= %(threshold)s
    """


def job_params(job: Job, threshold: float) -> dict:
    return {
        "job_id": job.pk,
        "occupation_id": job.occupation_id,
        "ws_bit": WorkSetting(job.work_setting).bit,
        "schedule_bit": Schedule(job.schedule).bit,
        "threshold": threshold,
    }


# ---------------------------------------------------------------------------
# Matching's index of open jobs by skill (models.OpenJobSkill)
# ---------------------------------------------------------------------------
def index_open_jobs_sql(*, one_job: bool) -> str:
    """INSERT … SELECT the index rows of every open job (or of job %(job_id)s if it is
    open): its required skills, then the preferred ones it does not also require, each
    with the job's counts, occupation, employer, bits and closing date. %(today)s."""
    only = "AND j.id = %(job_id)s" if one_job else ""
    return f"""
        WITH open_jobs AS (
            SELECT j.id, j.occupation_id, j.employer_id, j.closes_on,
                   {case_bits("j.work_setting", WorkSetting)} AS ws_bit,
                   {case_bits("j.schedule", Schedule)} AS schedule_bit
            FROM {T["job"]} j JOIN {T["org"]} o ON o.id = j.employer_id
            WHERE j.status = '{JobStatus.PUBLISHED.value}' AND j.closes_on >= %(today)s
              AND o.status = '{Organization.Status.APPROVED.value}' {only}
        ),
        named AS (
            SELECT r.job_id, r.skill_id, TRUE AS required
            FROM {T["req"]} r WHERE r.job_id IN (SELECT id FROM open_jobs)
            UNION ALL
            SELECT p.job_id, p.skill_id, FALSE
            FROM {T["pref"]} p WHERE p.job_id IN (SELECT id FROM open_jobs)
              AND NOT EXISTS (SELECT 1 FROM {T["req"]} r
                              WHERE r.job_id = p.job_id AND r.skill_id = p.skill_id)
        ),
        counts AS (
            SELECT job_id, sum(CASE WHEN required THEN 1 ELSE 0 END) AS nreq,
                   sum(CASE WHEN required THEN 0 ELSE 1 END) AS npref
            FROM named GROUP BY job_id
        )
        INSERT INTO {T["index"]} (job_id, skill_id, required, required_count,
            preferred_count, occupation_id, employer_id, work_setting_bit, schedule_bit,
            closes_on)
        SELECT n.job_id, n.skill_id, n.required, c.nreq, c.npref, j.occupation_id,
               j.employer_id, j.ws_bit, j.schedule_bit, j.closes_on
        FROM named n JOIN counts c ON c.job_id = n.job_id JOIN open_jobs j ON j.id = n.job_id
    """


def _seeker_job_scores(rows: str) -> str:
    """CTEs scoring open jobs for profile %(profile_id)s from matching's index of open jobs
    (`i`, each row carrying its job's counts, occupation and bits) joined to the seeker's
    skills (`mine`, `m`) by `rows`, summed per job: `scored` (job_id, score).
    %(work_settings)s and %(availability)s are the seeker's masks."""
    ws_fits = "(k.ws_bit & %(work_settings)s) <> 0"
    sched_fits = (
        "(%(availability)s = 0 OR (k.schedule_bit & %(availability)s) <> 0 "
        f"OR (k.schedule_bit & {scoring.FITS_ANY_BITS}) <> 0)"
    )
    score = _score_expression(
        "k.req_w",
        "k.nreq",
        "k.pref_w",
        "k.npref",
        "k.occupation_id IN (SELECT occupation_id FROM occ)",
        ws_fits,
        sched_fits,
    )
    return f"""
        WITH mine AS (
            SELECT ss.skill_id, {WEIGHT} AS w FROM {T["sskill"]} ss
            WHERE ss.profile_id = %(profile_id)s
        ),
        occ AS (
            SELECT occupation_id FROM ({SEEKER_OCCUPATION_SQL}) so
            WHERE so.profile_id = %(profile_id)s
        ),
        per_job AS (
            SELECT i.job_id,
                   sum(CASE WHEN i.required THEN COALESCE(m.w, 0) ELSE 0 END) AS req_w,
                   sum(CASE WHEN i.required THEN 0 ELSE COALESCE(m.w, 0) END) AS pref_w,
                   max(i.required_count) AS nreq, max(i.preferred_count) AS npref,
                   max(i.occupation_id) AS occupation_id, max(i.work_setting_bit) AS ws_bit,
                   max(i.schedule_bit) AS schedule_bit
            FROM {rows}
            GROUP BY i.job_id
        ),
        scored AS (SELECT k.job_id, {score} AS score FROM per_job k)
    """


def jobs_for_seeker_sql() -> str:
    """Open jobs sharing a skill with profile %(profile_id)s, scored, best first, at most
    %(limit)s, from %(threshold)s. Columns: job_id, score. %(today)s is the date.

    One index range scan per skill the seeker holds (`matching_open_jobs_by_skill`, which
    covers every column read), summed per job; no join with the jobs (the caller loads the
    ones it shows through `Job.objects.published()`, which a job closed since it was indexed
    fails)."""
    rows = f"""{T["index"]} i JOIN mine m ON m.skill_id = i.skill_id
            WHERE i.closes_on >= %(today)s
              AND i.employer_id IN (SELECT id FROM {T["org"]}
                                    WHERE status = '{Organization.Status.APPROVED.value}')"""
    return (
        _seeker_job_scores(rows)
        + """
        SELECT job_id, score FROM scored WHERE score >= %(threshold)s
        ORDER BY score DESC, job_id DESC
        LIMIT %(limit)s
    """
    )


def scores_for_jobs_sql(job_ids) -> str:
    """Profile %(profile_id)s's score for each of these jobs that is in the index (a job
    search's results, to order them by fit), whether or not it shares a skill with them.
    Columns: job_id, score."""
    rows = f"""{T["index"]} i LEFT JOIN mine m ON m.skill_id = i.skill_id
            WHERE i.job_id IN ({id_list(job_ids)})"""
    return _seeker_job_scores(rows) + " SELECT job_id, score FROM scored"


def today():
    return timezone.localdate()


def ranked_jobs_subquery(params: dict) -> RawSQL:
    """`jobs_for_seeker_sql`'s job ids, as a subquery for `Job.objects.filter(pk__in=…)`."""
    return RawSQL(*positional(f"SELECT job_id FROM ({jobs_for_seeker_sql()}) ranked", params))


def talent_sql(job: scoring.JobFacts) -> str:
    """The discoverable seekers who fit `job` best, for `SeekerProfile.objects.raw`: their
    profile's id, user, headline, score, and whether job %(job_id)s invited them already;
    best first, at most %(limit)s (params: `job_params` and limit)."""
    return f"""
        SELECT sp.id, sp.user_id, sp.headline, sp.discoverable, m.score,
               EXISTS (SELECT 1 FROM {T["invitation"]} inv
                       WHERE inv.job_id = %(job_id)s AND inv.seeker_id = m.user_id) AS invited
        FROM ({seekers_for_job_sql(job, discoverable_only=True)}
              ORDER BY score DESC, profile_id LIMIT %(limit)s) m
        JOIN {T["profile"]} sp ON sp.id = m.profile_id
        ORDER BY m.score DESC, m.profile_id
    """
