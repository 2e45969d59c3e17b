from dataclasses import dataclass

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from apps.skills.models import Skill

from .models import Demographics, Resume, SeekerProfile, SeekerSkill

SKILL_RESULTS = 15  # the picker lists at most this many matches


@dataclass
class Completeness:
    percent: int
    missing: list  # (label, step) pairs

    @property
    def links(self) -> list:
        """(label, URL) for each missing item: a profile step, or the resume page."""
        return [(label, step_url(step)) for label, step in self.missing]


def step_url(step: str) -> str:
    if step == "resume":
        return reverse("seekers:resume")
    return reverse("seekers:step", kwargs={"step": step})


CHECKS = [
    (lambda p: bool(p.headline), _("a headline"), "about"),
    (lambda p: bool(p.zip_code), _("your ZIP code"), "about"),
    (lambda p: bool(p.availability), _("when you can work or study"), "preferences"),
    (lambda p: p.target_occupations.exists(), _("the jobs you want"), "goals"),
    (lambda p: p.skills.count() >= 3, _("at least three skills"), "skills"),
    (lambda p: bool(p.education), _("your education"), "visibility"),
    (lambda p: hasattr(p, "resume"), _("a resume (PDF)"), "resume"),
]


def completeness(profile: SeekerProfile) -> Completeness:
    missing = [(label, step) for check, label, step in CHECKS if not check(profile)]
    done = len(CHECKS) - len(missing)
    return Completeness(percent=round(100 * done / len(CHECKS)), missing=missing)


def profile_with_skills(user):
    return (
        SeekerProfile.objects.filter(user=user)
        .prefetch_related("skills__skill", "target_occupations")
        .select_related("resume")
        .first()
    )


def current_skills(profile: SeekerProfile):
    """The seeker's skills, alphabetical, with the skill row (one query)."""
    return SeekerSkill.objects.filter(profile=profile).select_related("skill")


def skill_matches(query: str, limit: int = SKILL_RESULTS) -> list:
    """Skills whose English or Spanish label or an alias matches; exact names first."""
    return list(Skill.objects.search(query).select_related("category")[:limit])


def resume_of(profile: SeekerProfile) -> Resume | None:
    return Resume.objects.filter(profile=profile).first()


def demographics_of(user) -> Demographics | None:
    return Demographics.objects.filter(user=user).first()


# Owner-scoped lookups: the signed-in seeker's own rows, anyone else's answers 404.
def own_skill_or_404(profile: SeekerProfile, skill_id: int) -> SeekerSkill:
    return get_object_or_404(
        SeekerSkill.objects.select_related("skill"), profile=profile, skill_id=skill_id
    )


def own_resume_or_404(user) -> Resume:
    """The resume download is the owner's alone here (employers get theirs with applications)."""
    return get_object_or_404(Resume, profile__user=user)
