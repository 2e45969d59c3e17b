"""Rows the seeker tests need: a small real PDF, and trainings to enroll in."""

from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from apps.skills.models import Skill
from apps.trainings.models import Cohort, Enrollment, EnrollmentEvent, Program

PDF = (
    b"%PDF-1.4\n"
    b"1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n"
    b"2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\n"
    b"trailer <</Root 1 0 R>>\n"
    b"%%EOF\n"
)


def pdf_upload(name="my cv.pdf", content=PDF, content_type="application/pdf"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def skill(slug: str) -> Skill:
    return Skill.objects.get(slug=slug)


def program(provider, title="Help Desk Bootcamp", **fields) -> Program:
    from django.utils.text import slugify

    defaults = {
        "summary": "Become an IT support technician in 12 weeks.",
        "description": "Hardware, networks, customer service.",
        "format": "onsite",
        "schedule": "evening",
        "length_weeks": 12,
        "hours_per_week": 10,
        "language": "bilingual",
        "status": "published",
        "published_at": timezone.now(),
    }
    defaults.update(fields)
    base = slugify(title)
    slug, n = base, 2
    while Program.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return Program.objects.create(provider=provider, title=title, slug=slug, **defaults)


def cohort(of_program, days_ahead=30, **fields) -> Cohort:
    start = timezone.localdate() + timedelta(days=days_ahead)
    defaults = {
        "start_date": start,
        "end_date": start + timedelta(weeks=12),
        "enrollment_deadline": start - timedelta(days=7),
        "seats": 20,
        "location": "El Paso Community College, Valle Verde",
    }
    defaults.update(fields)
    return Cohort.objects.create(program=of_program, **defaults)


def enrollment(seeker, provider, status="applied", title="Help Desk Bootcamp") -> Enrollment:
    """An enrollment with the history that led to `status`."""
    row = Enrollment.objects.create(
        cohort=cohort(program(provider, title=title)),
        seeker=seeker,
        status=status,
        credential_earned=True if status == "completed" else None,
    )
    path = {
        "applied": ["applied"],
        "accepted": ["applied", "accepted"],
        "enrolled": ["applied", "accepted", "enrolled"],
        "completed": ["applied", "accepted", "enrolled", "completed"],
        "declined": ["applied", "declined"],
        "withdrawn": ["applied", "withdrawn"],
    }[status]
    previous = ""
    for step in path:
        EnrollmentEvent.objects.create(
            enrollment=row, from_status=previous, to_status=step, actor=seeker
        )
        previous = step
    return row
