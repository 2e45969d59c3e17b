"""Real PDF files for tests, written by pypdf (the resume check parses what it is given)."""

import io

from pypdf import PdfWriter


def pdf_bytes(writer: PdfWriter) -> bytes:
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def blank_writer(pages: int = 1) -> PdfWriter:
    """A letter-size PDF of blank pages, to build on."""
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=612, height=792)
    return writer


def blank_pdf(pages: int = 1) -> bytes:
    return pdf_bytes(blank_writer(pages))
