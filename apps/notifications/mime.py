"""A notification email, and the bytes that go over SMTP.

Every notification has one shape: a plain-text and an HTML version of the same message
(multipart/alternative, UTF-8) and a handful of headers the portal sets itself. Workers send
thousands of them in a row, and building each through Django's `EmailMessage` and the
standard library's generic MIME generator costs more CPU than the SMTP exchange itself
(header folding alone is a third of it). So the SMTP path writes that one shape directly:
RFC 5322 headers (RFC 2047 encoded words where a value is not ASCII), and bodies sent as
they are when the server takes 8-bit data, quoted-printable otherwise.
`tests/notifications/test_mime.py` parses the result with the standard library and compares
it with what Django would have sent.

Other email backends (the console in development, locmem in tests) get the Django message.
"""

import binascii
import re
import uuid
from dataclasses import dataclass, field
from email.header import Header
from email.utils import formatdate
from functools import cache, lru_cache

from django.conf import settings
from django.core.mail import BadHeaderError, EmailMultiAlternatives
from django.core.mail.message import sanitize_address

CRLF = b"\r\n"
# RFC 5322: a line holds at most 998 octets before its CRLF.
MAX_LINE = 998


@dataclass(frozen=True)
class OutgoingEmail:
    """What a notification says to one person, ready to be sent by any backend."""

    subject: str
    text: str
    html: str
    to: str
    headers: dict[str, str] = field(default_factory=dict)
    from_email: str = field(default_factory=lambda: settings.DEFAULT_FROM_EMAIL)

    def envelope(self) -> tuple[str, list[str]]:
        """SMTP's MAIL FROM and RCPT TO: addresses checked and encoded."""
        return _from_address(self.from_email), [address(self.to)]

    def as_django_message(self) -> EmailMultiAlternatives:
        message = EmailMultiAlternatives(
            subject=self.subject,
            body=self.text,
            from_email=self.from_email,
            to=[self.to],
            headers=self.headers,
        )
        message.attach_alternative(self.html, "text/html")
        return message

    def as_bytes(self, *, eight_bit: bool) -> bytes:
        """The whole message, CRLF line ends; `eight_bit` when the server offers 8BITMIME."""
        boundary = f"=_techhire_{uuid.uuid4().hex}"
        head = [
            ("From", _from_address(self.from_email)),
            ("To", address(self.to)),
            ("Subject", _encode("Subject", self.subject)),
            ("Date", formatdate(localtime=settings.EMAIL_USE_LOCALTIME)),
        ]
        head += [(name, _encode(name, value)) for name, value in self.headers.items()]
        head += [
            ("MIME-Version", "1.0"),
            ("Content-Type", f'multipart/alternative;\r\n boundary="{boundary}"'),
        ]
        delimiter = f"--{boundary}".encode()
        return b"".join(
            [
                *(_header_line(name, value) for name, value in head),
                CRLF,
                delimiter,
                CRLF,
                _part("text/plain", self.text, eight_bit),
                CRLF,
                delimiter,
                CRLF,
                _part("text/html", self.html, eight_bit),
                CRLF,
                delimiter,
                b"--",
                CRLF,
            ]
        )


def _header_line(name: str, value: str) -> bytes:
    # A value longer than a line's recommended 78 characters starts on a folded line
    # of its own (a URL cannot be folded further); encoded words fold themselves.
    if len(name) + len(value) > 76 and not value.startswith(("=?", "multipart/")):
        return f"{name}:\r\n {value}\r\n".encode("ascii")
    return f"{name}: {value}\r\n".encode("ascii")


def _encode(name: str, value: str) -> str:
    """A header value as ASCII: as it is, or as RFC 2047 encoded words. No line breaks."""
    if "\n" in value or "\r" in value:
        raise BadHeaderError(f"Header values can't contain newlines (got {value!r} for {name})")
    if value.isascii():
        return value
    return _encoded_words(name, value)


@lru_cache(maxsize=512)
def _encoded_words(name: str, value: str) -> str:
    # A fan-out repeats the same subject in a language for everyone: encode it once.
    return Header(value, "utf-8", header_name=name).encode(linesep="\r\n")


# A plain address (dot-atom local part, ASCII domain) needs no parsing or encoding.
_PLAIN_ADDRESS = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+@[A-Za-z0-9.-]+")


def address(value: str) -> str:
    """An address for a header or the envelope; raises ValueError if it isn't one."""
    if _PLAIN_ADDRESS.fullmatch(value):
        return value
    return sanitize_address(value, "utf-8")  # display names, IDN domains, quoting


@cache
def _from_address(from_email: str) -> str:
    """The portal's own sender, checked and encoded once per process."""
    return address(from_email)


def _part(content_type: str, text: str, eight_bit: bool) -> bytes:
    raw = text.replace("\r\n", "\n").replace("\r", "\n").encode("utf-8")
    fits = max(map(len, raw.split(b"\n"))) <= MAX_LINE
    if fits and raw.isascii():
        encoding, body = "7bit", raw
    elif fits and eight_bit:
        encoding, body = "8bit", raw
    else:
        encoding, body = "quoted-printable", binascii.b2a_qp(raw, istext=True)
    head = (
        f'Content-Type: {content_type}; charset="utf-8"\r\n'
        f"Content-Transfer-Encoding: {encoding}\r\n\r\n"
    )
    return head.encode("ascii") + body.replace(b"\n", CRLF)
