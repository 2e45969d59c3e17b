"""Scenarios the pipeline tests share, over the factories: a help desk job with its skills,
applicants with profiles and skills, an application with a resume snapshot, and a temporary
private storage for resume files."""

from decimal import Decimal
from itertools import count

from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.utils import timezone

from apps.accounts.models import Role
from apps.employers.models import Application
from apps.seekers.models import Resume, SeekerProfile, SeekerSkill
from apps.skills.models import Occupation, Skill

from . import UserFactory
from .employers import ApplicationFactory, JobFactory
from .pdfs import blank_pdf

PDF = blank_pdf()
_numbers = count(1)


def skills(*slugs):
    return list(Skill.objects.filter(slug__in=slugs))


def job(employer, *, title=None, required=("python", "sql", "linux"), status="published", **kw):
    """A help desk job (JobFactory) requiring `required`, of the first occupation by SOC code."""
    n = next(_numbers)
    kw.setdefault("occupation", Occupation.objects.order_by("soc_code").first())
    return JobFactory(
        employer=employer,
        title=title or f"Help Desk Technician {n}",
        slug=f"pipeline-job-{n}",
        description="Support our customers in English and Spanish.",
        pay_max=Decimal("24.00"),
        status=status,
        required_skills=skills(*required),
        **kw,
    )


def seeker(*, first_name="Lupe", last_name="Ortiz", email=None, **profile_fields):
    """A job seeker with a profile; `skills` is a list of slugs or (slug, level, verified_by)."""
    user = UserFactory(
        role=Role.SEEKER,
        first_name=first_name,
        last_name=last_name,
        email=email or f"seeker{next(_numbers)}@people.example",
    )
    profile_for(user, **profile_fields)
    return user


def profile_for(user, *, skills=(), occupations=(), **fields) -> SeekerProfile:
    fields.setdefault("headline", "Bilingual help desk technician")
    profile, _ = SeekerProfile.objects.update_or_create(user=user, defaults=fields)
    for entry in skills:
        slug, level, verified_by = (entry, 2, "") if isinstance(entry, str) else entry
        SeekerSkill.objects.update_or_create(
            profile=profile,
            skill=Skill.objects.get(slug=slug),
            defaults={
                "level": level,
                "verified": bool(verified_by),
                "verified_by": verified_by,
                "verified_at": timezone.now() if verified_by else None,
            },
        )
    if occupations:
        profile.target_occupations.set(occupations)
    return profile


def application(job, person=None, *, status="submitted", actor=None, note="", reason="", **kw):
    """An application (ApplicationFactory) with the history the services would have written
    to reach `status`, the employer's moves made by `actor`."""
    return ApplicationFactory(
        job=job,
        seeker=person or seeker(first_name="Applicant", last_name=str(next(_numbers))),
        status=status,
        note=note,
        rejection_reason=reason or ("skills" if status == "rejected" else ""),
        history=actor or True,
        **kw,
    )


def attach_resume(row: Application, name="Lupe Ortiz CV.pdf", content=PDF) -> Application:
    row.resume.save("resume.pdf", ContentFile(content), save=False)
    row.resume_name = name
    row.save(update_fields=["resume", "resume_name"])
    return row


def use_private_storage(settings, tmp_path, monkeypatch):
    """Resume files go to `tmp_path` for the test (as in tests/seekers/conftest.py).

    A FileField calls its storage callable once, when models load, so overriding STORAGES
    alone would not reach it: the fields are pointed at the overridden storage too.
    Test modules wrap this in a `private_storage` fixture.
    """
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path), "base_url": None},
        },
    }
    monkeypatch.setattr(Application._meta.get_field("resume"), "storage", storages["private"])
    monkeypatch.setattr(Resume._meta.get_field("file"), "storage", storages["private"])
    return tmp_path
