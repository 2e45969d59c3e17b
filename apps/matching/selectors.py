"""Reads: a seeker's facts, their job and training recommendations, a job's best talent."""

from dataclasses import dataclass
from datetime import timedelta

from django.db import connection
from django.db.models import Count, Min, Q
from django.utils import timezone

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


def seeker_facts(profile: SeekerProfile) -> scoring.SeekerFacts:
    skills = dict(SeekerSkill.objects.filter(profile=profile).values_list("skill_id", "verified"))
    targets = set(profile.target_occupations.values_list("pk", flat=True))
    trained = set(
        Program.occupations.through.objects.filter(
            program__cohorts__enrollments__seeker_id=profile.user_id,
            program__cohorts__enrollments__status=EnrollmentStatus.COMPLETED,
        ).values_list("occupation_id", flat=True)
    )
    return scoring.SeekerFacts(
        skills=skills,
        occupations=frozenset(targets | trained),
        work_settings=WorkSetting.mask(profile.work_settings),
        availability=Schedule.mask(profile.availability),
    )


def job_facts_many(jobs: list[Job]) -> dict[int, scoring.JobFacts]:
    ids = [job.pk for job in jobs]
    required: dict[int, set] = {pk: set() for pk in ids}
    preferred: dict[int, set] = {pk: set() for pk in ids}
    for job_id, skill_id in Job.required_skills.through.objects.filter(job_id__in=ids).values_list(
        "job_id", "skill_id"
    ):
        required[job_id].add(skill_id)
    for job_id, skill_id in Job.preferred_skills.through.objects.filter(job_id__in=ids).values_list(
        "job_id", "skill_id"
    ):
        preferred[job_id].add(skill_id)
    return {
        job.pk: scoring.JobFacts(
            required=frozenset(required[job.pk]),
            preferred=frozenset(preferred[job.pk]),
            occupation=job.occupation_id,
            work_setting=WorkSetting(job.work_setting).bit,
            schedule=Schedule(job.schedule).bit,
        )
        for job in jobs
    }


def upcoming_cohorts():
    today = timezone.localdate()
    return Cohort.objects.filter(
        program__in=Program.objects.published(),
        enrollment_deadline__gte=today,
        start_date__lte=today + timedelta(days=SOON_DAYS),
    )


def programs_teaching(skill_ids) -> int:
    """How many published programs with a cohort starting soon teach any of these skills."""
    if not skill_ids:
        return 0
    return (
        upcoming_cohorts()
        .filter(program__skills__in=skill_ids)
        .values("program_id")
        .distinct()
        .count()
    )


@dataclass
class JobRecommendation:
    job: Job
    match: scoring.JobMatch
    reasons: str
    band_label: str
    missing: list  # Skill rows, for "find a training" links


def _recommend(jobs: list[Job], facts: scoring.SeekerFacts) -> list[JobRecommendation]:
    job_facts = job_facts_many(jobs)
    matches = {job.pk: scoring.score_job(facts, job_facts[job.pk]) for job in jobs}
    skill_ids = {s for f in job_facts.values() for s in f.required | f.preferred}
    skills = {skill.pk: skill for skill in Skill.objects.filter(pk__in=skill_ids)}
    labels = {pk: skill.label for pk, skill in skills.items()}
    missing_ids = {s for m in matches.values() for s in m.missing_required}
    # Which missing skills a program starting soon teaches (one query for the whole list).
    taught = dict(
        upcoming_cohorts()
        .filter(program__skills__in=missing_ids)
        .values_list("program__skills")
        .annotate(n=Count("program_id", distinct=True))
    )
    out = []
    for job in jobs:
        match = matches[job.pk]
        teaching = max((taught.get(s, 0) for s in match.missing_required), default=0)
        out.append(
            JobRecommendation(
                job=job,
                match=match,
                reasons=explain.job_reasons(
                    match, labels=labels, trainings_teaching_missing=teaching
                ),
                band_label=explain.band_label(match.band),
                missing=[skills[s] for s in match.missing_required],
            )
        )
    return out


def jobs_for(profile: SeekerProfile, *, limit: int = JOBS_SHOWN) -> list[JobRecommendation]:
    """The open jobs that fit a seeker best (one scoring query over every open job)."""
    facts = seeker_facts(profile)
    if not facts.skills:
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            sql.jobs_for_seeker_sql(),
            {
                "profile_id": profile.pk,
                "today": timezone.localdate(),
                "work_settings": facts.work_settings,
                "availability": facts.availability,
                "threshold": scoring.POSSIBLE,
                "limit": limit,
            },
        )
        ranked = [job_id for job_id, _score in cursor.fetchall()]
    jobs = Job.objects.filter(pk__in=ranked).select_related("employer", "occupation")
    by_id = {job.pk: job for job in jobs}
    return _recommend([by_id[pk] for pk in ranked if pk in by_id], facts)


def match_for_job(profile: SeekerProfile, job: Job) -> JobRecommendation:
    return _recommend([job], seeker_facts(profile))[0]


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
    )


def trainings_for(profile: SeekerProfile, *, limit: int = TRAININGS_SHOWN) -> list:
    facts = seeker_facts(profile)
    if not facts.occupations:
        return []
    gap = scoring.skill_gap(facts, skill_demand(facts.occupations))
    if not gap:
        return []
    already = Enrollment.objects.filter(seeker_id=profile.user_id).values("cohort__program_id")
    programs = list(
        Program.objects.published()
        .filter(skills__in=gap.keys())
        .exclude(pk__in=already)
        .annotate(next_start=Min("cohorts__start_date", filter=Q(cohorts__in=upcoming_cohorts())))
        .filter(next_start__isnull=False)
        .distinct()
        .prefetch_related("skills")
    )
    by_id = {p.pk: p for p in programs}
    ranked = scoring.rank_programs(
        facts,
        gap,
        [
            scoring.ProgramFacts(
                id=p.pk,
                skills=frozenset(s.pk for s in p.skills.all()),
                start_date=p.next_start,
                format=WorkSetting(p.format).bit,
                schedule=Schedule(p.schedule).bit,
                price=p.price_after_funding,
            )
            for p in programs
        ],
    )[:limit]
    cohorts = {
        c.program_id: c
        for c in upcoming_cohorts()
        .filter(program_id__in=[m.program_id for m in ranked])
        .order_by("-start_date")
    }
    out = []
    for match in ranked:
        program = by_id[match.program_id]
        skills = {s.pk: s for s in program.skills.all()}
        closes = [skills[s] for s in match.closes]
        out.append(
            TrainingRecommendation(
                program=program,
                cohort=cohorts[program.pk],
                closes=closes,
                reasons=explain.program_reasons([s.label for s in closes]),
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
    """Discoverable seekers who fit the job best: headline, skills and band, nothing else."""
    with connection.cursor() as cursor:
        cursor.execute(
            sql.seekers_for_job_sql(discoverable_only=True)
            + " ORDER BY score DESC, profile_id LIMIT %(limit)s",
            {**sql.job_params(job, scoring.POSSIBLE), "limit": limit},
        )
        rows = cursor.fetchall()
    if not rows:
        return []
    scores = {profile_id: float(score) for _u, profile_id, score, _h, _t in rows}
    required = set(job.required_skills.values_list("pk", flat=True))
    profiles = {
        p.pk: p
        for p in SeekerProfile.objects.filter(pk__in=scores).only(
            "pk", "user_id", "headline", "discoverable"
        )
    }
    matched: dict[int, list] = {pk: [] for pk in scores}
    for seeker_skill in (
        SeekerSkill.objects.filter(profile_id__in=scores, skill_id__in=required)
        .select_related("skill")
        .order_by("skill__name_en")
    ):
        matched[seeker_skill.profile_id].append(seeker_skill.skill)
    invited = set(
        JobInvitation.objects.filter(
            job=job, seeker_id__in=[p.user_id for p in profiles.values()]
        ).values_list("seeker_id", flat=True)
    )
    out = []
    for _u, profile_id, score, _h, _t in rows:
        band = scoring.band_of(float(score))
        profile = profiles[profile_id]
        out.append(
            TalentMatch(
                profile=profile,
                score=float(score),
                band=band,
                band_label=explain.band_label(band),
                matched=matched[profile_id],
                invited=profile.user_id in invited,
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
    jobs = jobs_for(profile, limit=5)
    return {
        "match_jobs": jobs,
        "match_profile_empty": not jobs and not profile.skills.exists(),
        "match_trainings": trainings_for(profile, limit=3),
        "match_invitations": list(invitations_for(profile.user)[:5]),
    }
