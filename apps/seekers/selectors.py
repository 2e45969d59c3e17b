from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .models import SeekerProfile


@dataclass
class Completeness:
    percent: int
    missing: list  # (label, step) pairs


CHECKS = [
    (lambda p: bool(p.headline), _("a headline"), "about"),
    (lambda p: bool(p.zip_code), _("your ZIP code"), "about"),
    (
        lambda p: p.available_days or p.available_evenings or p.available_weekends,
        _("when you can work or study"),
        "preferences",
    ),
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
