"""The bytes written for SMTP say what Django's own message would have said."""

import email
import re
import smtplib
from email import policy

import pytest
from django.core.mail import BadHeaderError

from apps.notifications.mime import OutgoingEmail

UNSUBSCRIBE = "https://portal.example/notifications/unsubscribe/eyJ1IjoxfQ:1xWiYC:vfF_G-C1CFOL2x/"


def outgoing(**overrides) -> OutgoingEmail:
    fields = {
        "subject": "[Reboot El Paso] Desert Data is approved",
        "text": "Hello Lupe,\n\nGood news.\n\n--\nStop emails like this one: " + UNSUBSCRIBE + "\n",
        "html": '<p>Hello Lupe,</p>\n<p><a href="' + UNSUBSCRIBE + '">Stop</a></p>\n',
        "to": "lupe@people.example",
        "headers": {
            "Message-ID": "<notification-7@portal.example>",
            "List-Unsubscribe": f"<{UNSUBSCRIBE}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated",
        },
        "from_email": "Reboot El Paso <no-reply@rebootelpaso.example.org>",
    }
    return OutgoingEmail(**{**fields, **overrides})


def parse(raw: bytes) -> email.message.EmailMessage:
    return email.message_from_bytes(raw, policy=policy.default)


HEADERS = ["From", "To", "Subject", "Message-ID", "List-Unsubscribe", "List-Unsubscribe-Post"]


def what_it_says(message) -> dict:
    """Everything a mail client shows or acts on, decoded.

    Header values are compared without surrounding whitespace: Django folds a long
    encoded subject onto a line of its own, which decodes with a leading space.
    """
    return {
        **{name: str(message[name]).strip() for name in [*HEADERS, "Auto-Submitted"]},
        "type": message.get_content_type(),
        "text": message.get_body(("plain",)).get_content(),
        "html": message.get_body(("html",)).get_content(),
    }


def django_version(mail: OutgoingEmail) -> dict:
    # As Django's SMTP backend sends it.
    return what_it_says(parse(mail.as_django_message().message().as_bytes(linesep="\r\n")))


def transfer_encodings(raw: bytes) -> list[str]:
    return [part["Content-Transfer-Encoding"] for part in parse(raw).iter_parts()]


SPANISH = {
    "subject": "[Reboot El Paso] Desert Data está aprobada — ¡bienvenida, señora Núñez!",
    "text": "Hola Begoña,\n\nBuenas noticias: la organización está aprobada.\n",
    "html": "<p>Hola Begoña,</p><p>Buenas noticias: la organización está aprobada.</p>\n",
}


@pytest.mark.parametrize("eight_bit", [True, False])
@pytest.mark.parametrize(
    "overrides",
    [
        {},
        SPANISH,
        {"to": "Begoña Núñez <begoña@correo.example>"},
        {"to": "ana@xn--espaa-rta.example"},
        {"from_email": "Reinicia El Paso — Borderplex <no-reply@rebootelpaso.example.org>"},
        {"html": "<p>" + "Una línea muy larga. " * 80 + "</p>\n"},
        {"text": "Windows line ends\r\nand old Mac ones\rin one text\n"},
        {"text": "A line of dots:\n.\n..\nthe end, with no newline"},
    ],
    ids=["english", "spanish", "display-name", "idn", "from-name", "long-line", "eols", "dots"],
)
def test_the_message_says_what_djangos_would(overrides, eight_bit):
    mail = outgoing(**overrides)
    raw = mail.as_bytes(eight_bit=eight_bit)
    assert what_it_says(parse(raw)) == django_version(mail)


def test_lines_end_in_crlf_and_fit_the_line_limit():
    raw = outgoing(**{**SPANISH, "html": "<p>" + "x" * 3000 + "</p>"}).as_bytes(eight_bit=True)
    assert b"\n" not in raw.replace(b"\r\n", b"")
    assert b"\r" not in raw.replace(b"\r\n", b"")
    assert max(len(line) for line in raw.split(b"\r\n")) <= 998


def test_bodies_go_as_they_are_when_the_server_takes_8bit_and_encoded_otherwise():
    assert transfer_encodings(outgoing().as_bytes(eight_bit=False)) == ["7bit", "7bit"]
    spanish = outgoing(**SPANISH)
    assert transfer_encodings(spanish.as_bytes(eight_bit=True)) == ["8bit", "8bit"]
    assert transfer_encodings(spanish.as_bytes(eight_bit=False)) == [
        "quoted-printable",
        "quoted-printable",
    ]
    assert spanish.as_bytes(eight_bit=False).isascii()
    # A line over 998 octets can't go as it is, whatever the server takes.
    long = outgoing(html="<p>" + "x" * 1200 + "</p>")
    assert transfer_encodings(long.as_bytes(eight_bit=True)) == ["7bit", "quoted-printable"]


def test_headers_are_ascii_and_the_subject_is_encoded_words():
    raw = outgoing(**SPANISH).as_bytes(eight_bit=True)
    head = raw.split(b"\r\n\r\n", 1)[0]
    assert head.isascii()
    assert re.search(rb"^Subject: =\?utf-8\?", head, re.MULTILINE)


def test_each_message_has_its_own_boundary():
    mail = outgoing()
    boundary = re.compile(rb'boundary="([^"]+)"')
    first = boundary.search(mail.as_bytes(eight_bit=True)).group(1)
    second = boundary.search(mail.as_bytes(eight_bit=True)).group(1)
    assert first != second


@pytest.mark.parametrize(
    "overrides",
    [
        {"subject": "Approved\r\nBcc: everyone@people.example"},
        {"headers": {"Message-ID": "<a@b>\nBcc: everyone@people.example"}},
    ],
)
def test_a_line_break_in_a_header_is_refused(overrides):
    with pytest.raises(BadHeaderError):
        outgoing(**overrides).as_bytes(eight_bit=True)


@pytest.mark.parametrize(
    "address",
    ["lupe@people.example\r\nBcc: everyone@people.example", "lupe@people.example, dan@x.example"],
)
def test_a_bad_address_is_refused(address):
    with pytest.raises(ValueError, match="address"):
        outgoing(to=address).as_bytes(eight_bit=True)
    with pytest.raises(ValueError, match="address"):
        outgoing(to=address).envelope()


def test_the_envelope_names_the_addresses():
    sender, recipients = outgoing(to="Begoña Núñez <lupe@people.example>").envelope()
    assert smtplib.quoteaddr(sender) == "<no-reply@rebootelpaso.example.org>"
    assert [smtplib.quoteaddr(r) for r in recipients] == ["<lupe@people.example>"]
