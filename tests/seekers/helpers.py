"""What the seeker tests upload: a small real PDF. (Rows and PDFs come from tests/factories/.)"""

from django.core.files.uploadedfile import SimpleUploadedFile

from apps.skills.models import Skill
from tests.factories.pdfs import blank_pdf

PDF = blank_pdf()


def pdf_upload(name="my cv.pdf", content=PDF, content_type="application/pdf"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def skill(slug: str) -> Skill:
    return Skill.objects.get(slug=slug)
