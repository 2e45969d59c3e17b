"""Reads for the employer's applicant pipeline and the talent search.

Views scope rows to the employer's organization first (permissions.py: another employer's
rows are not found at all); the reads here take those rows. Every count is set-based: the
"skills matched" hint and the talent search's "has all these skills" are subqueries, so a
page costs the same handful of queries for 10 applicants or 1,000. Demographics are never
read here.
"""

from dataclasses import dataclass, field

from django.db.models import Count, IntegerField, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Coalesce

from apps.accounts.models import Role
from apps.seekers.models import SeekerProfile, SeekerSkill

from .models import PIPELINE, Application, ApplicationEvent, ApplicationStatus, Job

# Shown after the pipeline's stages, folded away: applicants who left the pipeline.
CLOSED_STAGES = [ApplicationStatus.REJECTED, ApplicationStatus.WITHDRAWN]


# ---------------------------------------------------------------------------
# The pipeline
# ---------------------------------------------------------------------------
def matched_required_skills(seeker_ref: str = "seeker_id", job_ref: str = "job_id"):
    """How many of the job's required skills the seeker has on their profile (a subquery)."""
    matching = (
        SeekerSkill.objects.filter(
            profile__user_id=OuterRef(seeker_ref), skill__required_for_jobs=OuterRef(job_ref)
        )
        .order_by()
        .values("profile_id")
        .annotate(n=Count("pk"))
        .values("n")[:1]
    )
    return Coalesce(Subquery(matching, output_field=IntegerField()), 0)


def last_change():
    """When the application's status last changed (its latest event), as a subquery."""
    latest = ApplicationEvent.objects.filter(application=OuterRef("pk")).order_by(
        "-created_at", "-pk"
    )
    return Subquery(latest.values("created_at")[:1])


def applicants(job: Job) -> QuerySet[Application]:
    """The job's applications, first applicant first, with `matched` and `last_change`."""
    return (
        Application.objects.filter(job=job)
        .select_related("seeker")
        .annotate(matched=matched_required_skills(), last_change=last_change())
        .order_by("created_at", "pk")
    )


@dataclass
class Stage:
    status: str
    label: str
    closed: bool = False
    applications: list = field(default_factory=list)
    rows: list = field(default_factory=list)  # what the page shows of each (set by the view)

    @property
    def count(self) -> int:
        return len(self.applications)


def pipeline_stages(job: Job) -> list[Stage]:
    """Applicants grouped by stage, in pipeline order, then "not selected" and "withdrawn"."""
    labels = dict(ApplicationStatus.choices)
    stages = {status: Stage(status, labels[status]) for status in PIPELINE}
    stages.update({s: Stage(s, labels[s], closed=True) for s in CLOSED_STAGES})
    for application in applicants(job):
        stages[application.status].applications.append(application)
    return list(stages.values())


def required_skill_count(job: Job) -> int:
    return job.required_skills.count()


# ---------------------------------------------------------------------------
# One applicant
# ---------------------------------------------------------------------------
def _with_profile_details(queryset: QuerySet[SeekerProfile]) -> QuerySet[SeekerProfile]:
    return queryset.prefetch_related(
        Prefetch(
            "skills",
            queryset=SeekerSkill.objects.select_related("skill").order_by(
                "-verified", "-level", "skill__name_en"
            ),
        ),
        "target_occupations",
    )


def applicant_profile(application: Application) -> SeekerProfile | None:
    """The seeker's profile (skills and target jobs prefetched); None if they never made one."""
    return _with_profile_details(
        SeekerProfile.objects.filter(user_id=application.seeker_id)
    ).first()


def history(application: Application) -> QuerySet[ApplicationEvent]:
    return application.events.select_related("actor").order_by("created_at", "pk")


def notes(application: Application):
    return application.notes.select_related("author").order_by("created_at", "pk")


def required_skill_ids(job: Job) -> set[int]:
    return set(job.required_skills.values_list("pk", flat=True))


# ---------------------------------------------------------------------------
# Talent search (discoverable profiles only)
# ---------------------------------------------------------------------------
def discoverable_profiles() -> QuerySet[SeekerProfile]:
    """Profiles their owners chose to show to approved employers."""
    return SeekerProfile.objects.filter(
        discoverable=True, user__is_active=True, user__role=Role.SEEKER
    )


def talent_search(*, skills=(), occupation=None) -> QuerySet[SeekerProfile]:
    """Discoverable profiles having *every* chosen skill (and the target job, if chosen).

    Set-based: a subquery counts each profile's matching skills, and only profiles whose
    count equals the number of chosen skills are kept (a profile holds a skill once).
    """
    profiles = discoverable_profiles()
    skill_ids = sorted({skill.pk for skill in skills})
    if skill_ids:
        matching = (
            SeekerSkill.objects.filter(profile=OuterRef("pk"), skill_id__in=skill_ids)
            .order_by()
            .values("profile_id")
            .annotate(n=Count("pk"))
            .values("n")[:1]
        )
        profiles = profiles.annotate(
            matched=Coalesce(Subquery(matching, output_field=IntegerField()), 0)
        ).filter(matched=len(skill_ids))
    if occupation is not None:
        profiles = profiles.filter(target_occupations=occupation)
    return _with_profile_details(profiles).order_by("-updated_at", "-pk")


def discoverable_profile(pk: int) -> SeekerProfile | None:
    return _with_profile_details(discoverable_profiles().filter(pk=pk)).first()


def applications_by(applications: QuerySet[Application], seeker_id: int):
    """This seeker's applications among `applications` (the employer's own, already scoped)."""
    return applications.filter(seeker_id=seeker_id).select_related("job").order_by("-created_at")
