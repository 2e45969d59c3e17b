"""What the seeker tests upload: a small real PDF. (Rows come from tests/factories/.)"""

from django.core.files.uploadedfile import SimpleUploadedFile

from apps.skills.models import Skill

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
