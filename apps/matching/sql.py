"""The scoring of scoring.py, in PostgreSQL: seekers × one job, and one seeker × open jobs.

Skill overlap weights, the required/preferred coverage, the occupation test and the bit
tests on work settings and availability are computed by the database in one statement, so
a fan-out over 100,000 seekers is one query whatever their number. tests/matching/
test_sql.py checks that these scores equal `scoring.score_job` on the same data.
"""

from django.utils import timezone

from apps.accounts.models import Organization, Role
from apps.employers.models import Job, JobStatus
from apps.seekers.models import SeekerProfile, SeekerSkill
from apps.skills.vocabulary import Schedule, WorkSetting
from apps.trainings.models import Cohort, Enrollment, EnrollmentStatus, Program

from . import scoring

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


def seekers_for_job_sql(*, discoverable_only: bool = False) -> str:
    """Every seeker (an active user with a seeker profile) with their score for %(job_id)s,
    for those scoring at least %(threshold)s. Columns: user_id, profile_id, score,
    req_have, req_total. The job's occupation and bits come as %(occupation_id)s,
    %(ws_bit)s and %(schedule_bit)s (the caller read the job already)."""
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
        "n.nreq",
        "o.pref_w",
        "n.npref",
        occ_fits,
        "(sp.work_settings & %(ws_bit)s) <> 0",
        sched_fits,
    )
    return f"""
        WITH req AS (SELECT skill_id FROM {T["req"]} WHERE job_id = %(job_id)s),
        pref AS (SELECT skill_id FROM {T["pref"]} WHERE job_id = %(job_id)s),
        n AS (SELECT (SELECT count(*) FROM req) AS nreq, (SELECT count(*) FROM pref) AS npref),
        overlap AS (
            SELECT ss.profile_id,
                   sum(CASE WHEN r.skill_id IS NOT NULL THEN {WEIGHT} ELSE 0 END) AS req_w,
                   count(r.skill_id) AS req_have,
                   sum(CASE WHEN p.skill_id IS NOT NULL THEN {WEIGHT} ELSE 0 END) AS pref_w
            FROM {T["sskill"]} ss
            LEFT JOIN req r ON r.skill_id = ss.skill_id
            LEFT JOIN pref p ON p.skill_id = ss.skill_id
            WHERE ss.skill_id IN (SELECT skill_id FROM req UNION SELECT skill_id FROM pref)
            GROUP BY ss.profile_id
            -- Everything but the required skills adds up to {REST} points at most: a
            -- seeker whose required-skill points can't make up the rest is dropped here.
            HAVING (SELECT count(*) FROM req) = 0
                OR {scoring.REQUIRED_POINTS}.0
                   * sum(CASE WHEN r.skill_id IS NOT NULL THEN {WEIGHT} ELSE 0 END)
                   / ({scoring.VERIFIED} * (SELECT count(*) FROM req)) + {REST}
                   >= %(threshold)s
        ),
        scored AS (
            SELECT sp.user_id, sp.id AS profile_id, o.req_have, n.nreq AS req_total,
                   {score} AS score
            FROM overlap o
            JOIN {T["profile"]} sp ON sp.id = o.profile_id {discoverable}
            JOIN {T["user"]} u ON u.id = sp.user_id
                 AND u.is_active AND u.role = '{Role.SEEKER.value}'
            CROSS JOIN n
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


def open_jobs_sql() -> str:
    return f"""
        SELECT j.id, j.occupation_id, j.work_setting, j.schedule
        FROM {T["job"]} j JOIN {T["org"]} o ON o.id = j.employer_id
        WHERE j.status = '{JobStatus.PUBLISHED.value}' AND j.closes_on >= %(today)s
          AND o.status = '{Organization.Status.APPROVED.value}'
    """


def jobs_for_seeker_sql() -> str:
    """Open jobs sharing a skill with profile %(profile_id)s, scored, best first, at most
    %(limit)s, from %(threshold)s. Columns: job_id, score."""
    occ_fits = "j.occupation_id IN (SELECT occupation_id FROM occ)"
    ws_fits = f"({case_bits('j.work_setting', WorkSetting)} & %(work_settings)s) <> 0"
    sched_bit = case_bits("j.schedule", Schedule)
    sched_fits = (
        f"(%(availability)s = 0 OR ({sched_bit} & %(availability)s) <> 0 "
        f"OR ({sched_bit} & {scoring.FITS_ANY_BITS}) <> 0)"
    )
    score = _score_expression(
        "COALESCE(r.req_w, 0)",
        "COALESCE(r.nreq, 0)",
        "COALESCE(p.pref_w, 0)",
        "COALESCE(p.npref, 0)",
        occ_fits,
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
        candidates AS (
            SELECT job_id FROM {T["req"]} WHERE skill_id IN (SELECT skill_id FROM mine)
            UNION
            SELECT job_id FROM {T["pref"]} WHERE skill_id IN (SELECT skill_id FROM mine)
        ),
        r AS (
            SELECT x.job_id, count(*) AS nreq, COALESCE(sum(m.w), 0) AS req_w
            FROM {T["req"]} x LEFT JOIN mine m ON m.skill_id = x.skill_id
            WHERE x.job_id IN (SELECT job_id FROM candidates)
            GROUP BY x.job_id
        ),
        p AS (
            SELECT x.job_id, count(*) AS npref, COALESCE(sum(m.w), 0) AS pref_w
            FROM {T["pref"]} x LEFT JOIN mine m ON m.skill_id = x.skill_id
            WHERE x.job_id IN (SELECT job_id FROM candidates)
            GROUP BY x.job_id
        ),
        scored AS (
            -- Driven by the candidates (every job requires a skill, so r holds them all).
            SELECT j.id AS job_id, {score} AS score
            FROM r
            JOIN {T["job"]} j ON j.id = r.job_id
                 AND j.status = '{JobStatus.PUBLISHED.value}' AND j.closes_on >= %(today)s
            JOIN {T["org"]} o ON o.id = j.employer_id
                 AND o.status = '{Organization.Status.APPROVED.value}'
            LEFT JOIN p ON p.job_id = j.id
        )
        SELECT job_id, score FROM scored WHERE score >= %(threshold)s
        ORDER BY score DESC, job_id DESC
        LIMIT %(limit)s
    """


def today():
    return timezone.localdate()
