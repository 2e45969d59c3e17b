"""Reads: a seeker's facts, their job and training recommendations, a job's best talent.

Pages built from these stay at a fixed, small number of queries whatever the data (the
tests guard it): ranking happens in one SQL statement over matching's index of open jobs
(sql.py), and only what a page shows is loaded whole.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.db import connection
from django.db.models import Count, Min, Q, Value
from django.utils import timezone

from apps.employers import search_orders
from apps.employers.models import Job
from apps.seekers.models import SeekerProfile, SeekerSkill
from apps.skills.models import Skill
from apps.skills.vocabulary import Schedule, WorkSetting
from apps.trainings.models import Cohort, Enrollment, EnrollmentStatus, Program

from . import explain, scoring, sql
from .models import JobAlert, JobInvitation

# "Starting soon": cohorts whose enrollment is open and which start within this many days.
SOON_DAYS = 120
JOBS_SHOWN = 10
TRAININGS_SHOWN = 5
TALENT_SHOWN = 25
# Each code's bit, looked up once (building the enum member for each row costs more).
SETTING_BITS = {member.value: member.bit for member in WorkSetting}
SCHEDULE_BITS = {member.value: member.bit for member in Schedule}


def seeker_facts(profile: SeekerProfile) -> scoring.SeekerFacts:
    """What the score knows of a seeker, in one query: their skills, and their occupations
    (targets, and those of trainings they completed)."""
    # (Parts of a UNION carry no ORDER BY: SQLite refuses one.)
    skills = (
        SeekerSkill.objects.filter(profile=profile)
        .values_list(Value("skill"), "skill_id", "verified")
        .order_by()
    )
    targets = (
        SeekerProfile.target_occupations.through.objects.filter(seekerprofile_id=profile.pk)
        .values_list(Value("occupation"), "occupation_id", Value(False))
        .order_by()
    )
    trained = (
        Program.occupations.through.objects.filter(
            program__cohorts__enrollments__seeker_id=profile.user_id,
            program__cohorts__enrollments__status=EnrollmentStatus.COMPLETED,
        )
        .values_list(Value("occupation"), "occupation_id", Value(False))
        .order_by()
    )
    held, occupations = {}, set()
    for kind, pk, verified in skills.union(targets, trained, all=True):
        if kind == "skill":
            held[pk] = verified
        else:
            occupations.add(pk)
    return scoring.SeekerFacts(
        skills=held,
        occupations=frozenset(occupations),
        work_settings=WorkSetting.mask(profile.work_settings),
        availability=Schedule.mask(profile.availability),
    )


def job_facts_many(jobs: list[Job]) -> dict[int, scoring.JobFacts]:
    """What the score knows of each job (one query for both skill lists)."""
    ids = [job.pk for job in jobs]
    required: dict[int, set] = {pk: set() for pk in ids}
    preferred: dict[int, set] = {pk: set() for pk in ids}
    named = (
        Job.required_skills.through.objects.filter(job_id__in=ids)
        .values_list("job_id", "skill_id", Value(True))
        .order_by()
        .union(
            Job.preferred_skills.through.objects.filter(job_id__in=ids)
            .values_list("job_id", "skill_id", Value(False))
            .order_by(),
            all=True,
        )
    )
    for job_id, skill_id, is_required in named:
        (required if is_required else preferred)[job_id].add(skill_id)
    # A skill a job both requires and prefers counts as required only (as in sql.py).
    return {
        job.pk: scoring.JobFacts(
            required=frozenset(required[job.pk]),
            preferred=frozenset(preferred[job.pk] - required[job.pk]),
            occupation=job.occupation_id,
            work_setting=SETTING_BITS[job.work_setting],
            schedule=SCHEDULE_BITS[job.schedule],
        )
        for job in jobs
    }


def _starting_soon(prefix: str = "") -> Q:
    """Cohorts whose enrollment is open and which start within SOON_DAYS."""
    today = timezone.localdate()
    return Q(
        **{
            f"{prefix}enrollment_deadline__gte": today,
            f"{prefix}start_date__lte": today + timedelta(days=SOON_DAYS),
        }
    )


def upcoming_cohorts():
    return Cohort.objects.filter(_starting_soon(), program__in=Program.objects.published())


def _seeker_params(profile: SeekerProfile) -> dict:
    return {
        "profile_id": profile.pk,
        "today": timezone.localdate(),
        "work_settings": WorkSetting.mask(profile.work_settings),
        "availability": Schedule.mask(profile.availability),
    }


# ---------------------------------------------------------------------------
# Jobs for a seeker
# ---------------------------------------------------------------------------
@dataclass
class JobRecommendation:
    job: Job
    match: scoring.JobMatch
    reasons: str
    band_label: str
    missing: list  # Skill rows, for "find a training" links


def _recommend(
    jobs: list[Job], facts: scoring.SeekerFacts, *, limit: int | None = None
) -> list[JobRecommendation]:
    """The jobs' matches, scored in Python (scoring.score_job), best first, the first
    `limit` of them with their reasons."""
    job_facts = job_facts_many(jobs)
    matches = {job.pk: scoring.score_job(facts, job_facts[job.pk]) for job in jobs}
    jobs = sorted(jobs, key=lambda job: (-matches[job.pk].score, -job.pk))[:limit]
    job_facts = {job.pk: job_facts[job.pk] for job in jobs}
    matches = {job.pk: matches[job.pk] for job in jobs}
    skill_ids = {s for f in job_facts.values() for s in f.required | f.preferred}
    skills = Skill.objects.in_bulk(skill_ids)
    labels = {pk: skill.label for pk, skill in skills.items()}
    missing_ids = {s for m in matches.values() for s in m.missing_required}
    # Which programs starting soon teach each missing skill (one query for the whole list).
    teaching: dict[int, set] = {}
    for skill_id, program_id in (
        upcoming_cohorts()
        .filter(program__skills__in=missing_ids)
        .values_list("program__skills", "program_id")
        .distinct()
    ):
        teaching.setdefault(skill_id, set()).add(program_id)
    out = []
    for job in jobs:
        match = matches[job.pk]
        programs = set().union(*(teaching.get(s, set()) for s in match.missing_required))
        out.append(
            JobRecommendation(
                job=job,
                match=match,
                reasons=explain.job_reasons(
                    match, labels=labels, trainings_teaching_missing=len(programs)
                ),
                band_label=explain.band_label(match.band),
                missing=[skills[s] for s in match.missing_required],
            )
        )
    return out


def jobs_for(
    profile: SeekerProfile, *, limit: int = JOBS_SHOWN, facts: scoring.SeekerFacts | None = None
) -> list[JobRecommendation]:
    """The open jobs that fit a seeker best, best first.

    Ranked by one statement over matching's index of open jobs (sql.jobs_for_seeker_sql),
    run as the subquery that loads the jobs through `Job.objects.published()` (a job
    closed since it was indexed drops out; a few more are ranked than shown for that), then
    scored again in Python, ordered by that score, and the ones shown given their reasons."""
    facts = facts or seeker_facts(profile)
    if not facts.skills:
        return []
    ranked = sql.ranked_jobs_subquery(
        {**_seeker_params(profile), "threshold": scoring.POSSIBLE, "limit": limit * 2}
    )
    jobs = list(
        Job.objects.published().filter(pk__in=ranked).select_related("employer", "occupation")
    )
    return _recommend(jobs, facts, limit=limit)


def match_for_job(profile: SeekerProfile, job: Job) -> JobRecommendation:
    return _recommend([job], seeker_facts(profile))[0]


@dataclass(frozen=True)
class Fit:
    """How well a seeker fits one job of a list: its score and band (no reasons)."""

    score: float
    band: str
    band_label: str


def fit_for_jobs(profile: SeekerProfile, job_ids: list[int]) -> dict[int, Fit]:
    """The seeker's score and band for each of these jobs (a job search's results), in one
    statement over the index of open jobs; a job the index does not hold is left out."""
    if not job_ids:
        return {}
    with connection.cursor() as cursor:
        cursor.execute(sql.scores_for_jobs_sql(job_ids), _seeker_params(profile))
        rows = cursor.fetchall()
    out = {}
    for job_id, score in rows:
        band = scoring.band_of(float(score))
        out[job_id] = Fit(score=float(score), band=band, band_label=explain.band_label(band))
    return out


def best_match_order(user, job_ids: list[int]) -> search_orders.Ordered:
    """The job search's "Best match for you" order (added to employers' search in apps.py): the
    results by how well the seeker fits each, best first (ties and jobs the index does not
    hold keep the search's order), each with its band when it is at least a possible
    match."""
    profile = SeekerProfile.objects.get(user=user)
    fits = fit_for_jobs(profile, job_ids)
    ranked = sorted(job_ids, key=lambda pk: -fits[pk].score if pk in fits else 1)
    return search_orders.Ordered(
        ids=ranked, notes={pk: fit for pk, fit in fits.items() if fit.band}
    )


# ---------------------------------------------------------------------------
# Trainings that close the gap
# ---------------------------------------------------------------------------
@dataclass
class TrainingRecommendation:
    program: Program
    cohort: Cohort
    closes: list  # Skill rows
    reasons: str


def skill_demand(occupation_ids) -> dict[int, int]:
    """Skill id → how many open jobs in these occupations require it."""
    return dict(
        Job.required_skills.through.objects.filter(
            job__in=Job.objects.published().filter(occupation_id__in=occupation_ids)
        )
        .values_list("skill_id")
        .annotate(n=Count("job_id"))
        .order_by()
    )


def trainings_for(
    profile: SeekerProfile,
    *,
    limit: int = TRAININGS_SHOWN,
    facts: scoring.SeekerFacts | None = None,
) -> list:
    """Programs with a class starting soon that close most of the seeker's gap.

    The candidates come as plain rows, one per (program, gap skill it teaches), ranked by
    `scoring.rank_programs`; only the ones shown are loaded whole, with their class."""
    facts = facts or seeker_facts(profile)
    if not facts.occupations:
        return []
    gap = scoring.skill_gap(facts, skill_demand(facts.occupations))
    if not gap:
        return []
    already = Enrollment.objects.filter(seeker_id=profile.user_id).values("cohort__program_id")
    # One row per (program, gap skill it teaches), with the program's first class soon.
    rows = (
        Program.objects.published()
        .exclude(pk__in=already)
        .filter(skills__in=gap.keys())
        .values_list("pk", "skills", "format", "schedule", "total_cost", "cost_after_aid")
        .annotate(next_start=Min("cohorts__start_date", filter=_starting_soon("cohorts__")))
        .filter(next_start__isnull=False)
        .order_by()
    )
    programs: dict[int, dict] = {}
    for pk, skill_id, fmt, schedule, total, after_aid, start in rows:
        if pk not in programs:
            programs[pk] = {
                "start": start,
                "format": SETTING_BITS[fmt],
                "schedule": SCHEDULE_BITS[schedule],
                "price": Program.price_after_funding_of(total, after_aid),
                "skills": set(),
            }
        programs[pk]["skills"].add(skill_id)
    ranked = scoring.rank_programs(
        facts,
        gap,
        [
            scoring.ProgramFacts(
                id=pk,
                skills=frozenset(p["skills"]),
                start_date=p["start"],
                format=p["format"],
                schedule=p["schedule"],
                price=p["price"],
            )
            for pk, p in programs.items()
        ],
    )[:limit]
    if not ranked:
        return []
    # Each shown program's soonest class starting soon, with the program and its provider.
    soonest = Q()
    for match in ranked:
        soonest |= Q(program_id=match.program_id, start_date=programs[match.program_id]["start"])
    cohorts = {
        c.program_id: c
        for c in upcoming_cohorts()
        .filter(soonest)
        .select_related("program__provider")
        .order_by("-start_date", "-pk")
    }
    skills = Skill.objects.in_bulk({s for m in ranked for s in m.closes})
    out = []
    for match in ranked:
        taught = [skills[s] for s in match.closes]
        cohort = cohorts[match.program_id]
        out.append(
            TrainingRecommendation(
                program=cohort.program,
                cohort=cohort,
                closes=taught,
                reasons=explain.program_reasons([s.label for s in taught]),
            )
        )
    return out


# ---------------------------------------------------------------------------
# Employers: the talent that fits a job (discoverable profiles only)
# ---------------------------------------------------------------------------
@dataclass
class TalentMatch:
    profile: SeekerProfile
    score: float
    band: str
    band_label: str
    matched: list  # Skill rows (required skills they have)
    invited: bool


def talent_for(job: Job, *, limit: int = TALENT_SHOWN) -> list[TalentMatch]:
    """Discoverable seekers who fit the job best: headline, skills and band, nothing else.

    One statement ranks them and reads what the page shows of each (headline, whether they
    were invited); one more reads the job's required skills they hold."""
    facts = job_facts_many([job])[job.pk]
    profiles = list(
        SeekerProfile.objects.raw(
            sql.talent_sql(facts),
            {**sql.job_params(job, scoring.POSSIBLE), "limit": limit},
        )
    )
    if not profiles:
        return []
    matched: dict[int, list] = {p.pk: [] for p in profiles}
    for seeker_skill in (
        SeekerSkill.objects.filter(profile_id__in=matched, skill_id__in=facts.required)
        .select_related("skill")
        .order_by("skill__name_en")
    ):
        matched[seeker_skill.profile_id].append(seeker_skill.skill)
    out = []
    for profile in profiles:
        band = scoring.band_of(float(profile.score))
        out.append(
            TalentMatch(
                profile=profile,
                score=float(profile.score),
                band=band,
                band_label=explain.band_label(band),
                matched=matched[profile.pk],
                invited=bool(profile.invited),
            )
        )
    return out


def invitations_for(user):
    return (
        JobInvitation.objects.filter(seeker=user)
        .select_related("job__employer")
        .order_by("-created_at")
    )


def alerts_of(user):
    return JobAlert.objects.filter(user=user)


def open_jobs_needing(programs) -> dict[int, int]:
    """Program id → how many open jobs require at least one skill it teaches."""
    ids = [p.pk for p in programs]
    if not ids:
        return {}
    return dict(
        Program.skills.through.objects.filter(program_id__in=ids)
        .values_list("program_id")
        .annotate(
            n=Count(
                "skill__required_for_jobs",
                filter=Q(skill__required_for_jobs__in=Job.objects.published()),
                distinct=True,
            )
        )
    )


def alert_exists(token) -> bool:
    return JobAlert.objects.filter(token=token).exists()


def program_demand(programs) -> list:
    """(program, open jobs needing its skills) for a provider's dashboard."""
    counts = open_jobs_needing(programs)
    return [(program, counts.get(program.pk, 0)) for program in programs]


def dashboard_context(profile: SeekerProfile) -> dict:
    """The seeker dashboard's "Jobs for you", "Trainings that close your gap", invitations."""
    facts = seeker_facts(profile)
    return {
        "match_jobs": jobs_for(profile, limit=5, facts=facts),
        "match_profile_empty": not facts.skills,
        "match_trainings": trainings_for(profile, limit=3, facts=facts),
        "match_invitations": list(invitations_for(profile.user)[:5]),
    }


def matches_context(profile: SeekerProfile) -> dict:
    """The seeker's own matches page: jobs, trainings, invitations and job alerts."""
    facts = seeker_facts(profile)
    return {
        "jobs": jobs_for(profile, facts=facts),
        "profile_empty": not facts.skills,
        "trainings": trainings_for(profile, facts=facts),
        "invitations": invitations_for(profile.user),
        "alerts": alerts_of(profile.user),
    }
