"""What a resume PDF may hold: read with pypdf, never trusted by its name or first bytes.

Employers download resumes and open them on their own computers, so a file is refused when
it is not plainly a PDF (bytes before the header or after the last `%%EOF`: how PDF/HTML and
PDF/ZIP polyglots are made), does not parse, is encrypted, runs anything when opened
(JavaScript, launch or form-submit actions, XFA forms), or carries files inside it (embedded
files, file attachment annotations). `pdf_problem` says which; services.check_pdf words it.

Only the document's structure is read (every object reachable from the trailer, without
decoding page content), so a 5 MB resume is checked in a fraction of a second.
"""

from collections import deque
from typing import IO

from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

HEADER = b"%PDF-"
EOF_MARKER = b"%%EOF"
TAIL = 1024  # a PDF ends with %%EOF; allow only whitespace (and NUL padding) after it
MAX_OBJECTS = 50_000  # a resume has hundreds; more is a file built to keep us busy

# Problems, from the most basic on.
NOT_PLAIN = "not_plain_pdf"
UNREADABLE = "unreadable"
NO_PAGES = "no_pages"
ENCRYPTED = "encrypted"
ACTIVE = "active_content"
EMBEDDED = "embedded_files"

# Actions that run something when the file is opened or clicked (PDF 32000 §12.6.4).
ACTIVE_ACTIONS = {"/JavaScript", "/Launch", "/SubmitForm", "/ImportData", "/Rendition"}
EMBEDDED_ACTIONS = {"/GoToE"}  # go to an embedded document


def pdf_problem(stream: IO[bytes]) -> str | None:
    """The first reason `stream` (a seekable binary file) is not a resume employers can open
    safely, or None. Leaves the stream at its start."""
    try:
        return _problem(stream)
    finally:
        stream.seek(0)


def _problem(stream: IO[bytes]) -> str | None:
    stream.seek(0)
    if stream.read(len(HEADER)) != HEADER:
        return NOT_PLAIN
    stream.seek(0, 2)
    size = stream.tell()
    stream.seek(max(0, size - TAIL))
    tail = stream.read()
    end = tail.rfind(EOF_MARKER)
    if end < 0 or tail[end + len(EOF_MARKER) :].strip(b"\x00\t\n\f\r ") != b"":
        return NOT_PLAIN
    stream.seek(0)
    try:
        reader = PdfReader(stream, strict=False)
        if reader.is_encrypted:
            return ENCRYPTED
        if len(reader.pages) == 0:
            return NO_PAGES
        return _content_problem(reader)
    except Exception:  # noqa: BLE001 - whatever pypdf trips on, the file doesn't parse
        return UNREADABLE


def _content_problem(reader: PdfReader) -> str | None:
    """Walk every object reachable from the trailer: scripts first, then attached files."""
    found = set()
    seen: set[tuple[int, int]] = set()
    queue = deque([reader.trailer])
    visited = 0
    while queue:
        item = queue.popleft()
        if isinstance(item, IndirectObject):
            key = (item.idnum, item.generation)
            if key in seen:
                continue
            seen.add(key)
            item = item.get_object()
        visited += 1
        if visited > MAX_OBJECTS:
            return UNREADABLE
        if isinstance(item, DictionaryObject):
            found.update(_dictionary_problems(item))
            queue.extend(item.values())
        elif isinstance(item, ArrayObject):
            queue.extend(item)
    for problem in (ACTIVE, EMBEDDED):
        if problem in found:
            return problem
    return None


def _value(item: DictionaryObject, key: str):
    value = item.get(key)
    return value.get_object() if isinstance(value, IndirectObject) else value


def _dictionary_problems(item: DictionaryObject) -> set[str]:
    problems = set()
    action = _value(item, "/S")
    if "/JS" in item or "/JavaScript" in item or "/XFA" in item or action in ACTIVE_ACTIONS:
        problems.add(ACTIVE)
    if (
        "/EmbeddedFiles" in item
        or "/EF" in item
        or _value(item, "/Type") == "/EmbeddedFile"
        or _value(item, "/Subtype") == "/FileAttachment"
        or action in EMBEDDED_ACTIONS
    ):
        problems.add(EMBEDDED)
    return problems
