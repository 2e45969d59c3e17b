"""Rows the pipeline tests need: jobs, applications with their history, seekers with skills,
and a temporary private storage for resume snapshots.

(tests/factories/employers.py is another change's; these stay small and local.)
"""

from datetime import timedelta
from decimal import Decimal
from itertools import count

from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.utils import timezone

from apps.accounts.models import Role
from apps.employers.models import Application, ApplicationEvent, Job
from apps.seekers.models import Resume, SeekerProfile, SeekerSkill
from apps.skills.models import Occupation, Skill
from tests.factories import UserFactory

PDF = b"%PDF-1.4\n1 0 obj <</Type /Catalog>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n"
_numbers = count(1)

# The steps a real application goes through to reach each status (for its history).
PATHS = {
    "submitted": [],
    "reviewing": ["reviewing"],
    "interview": ["reviewing", "interview"],
    "offer": ["reviewing", "interview", "offer"],
    "hired": ["reviewing", "interview", "offer", "hired"],
    "rejected": ["rejected"],
    "withdrawn": ["withdrawn"],
}


def skills(*slugs):
    return list(Skill.objects.filter(slug__in=slugs))


def job(employer, *, title=None, required=("python", "sql", "linux"), status="published", **kw):
    n = next(_numbers)
    title = title or f"Help Desk Technician {n}"
    row = Job.objects.create(
        employer=employer,
        title=title,
        slug=f"pipeline-job-{n}",
        occupation=kw.pop("occupation", None) or Occupation.objects.order_by("soc_code").first(),
        description="Support our customers in English and Spanish.",
        pay_min=Decimal("18.00"),
        pay_max=Decimal("24.00"),
        pay_unit="hour",
        work_setting="onsite",
        schedule="day",
        employment_type="full_time",
        closes_on=timezone.localdate() + timedelta(days=30),
        status=status,
        published_at=timezone.now() if status == "published" else None,
        **kw,
    )
    row.required_skills.set(skills(*required))
    return row


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
    """An application with the history the services would have written to reach `status`."""
    person = person or seeker(first_name="Applicant", last_name=str(next(_numbers)))
    if status == "rejected":
        reason = reason or "skills"
    row = Application.objects.create(
        job=job, seeker=person, status=status, note=note, rejection_reason=reason, **kw
    )
    events = [ApplicationEvent(application=row, to_status="submitted", actor=person)]
    previous = "submitted"
    for step in PATHS[status]:
        events.append(
            ApplicationEvent(
                application=row,
                from_status=previous,
                to_status=step,
                actor=person if step == "withdrawn" else actor,
                reason=reason if step == "rejected" else "",
            )
        )
        previous = step
    ApplicationEvent.objects.bulk_create(events)
    return row


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
