"""A real SMTP server for tests (aiosmtpd), which can be told to answer with an error."""

import email
import socket
from collections import Counter
from email import policy

from aiosmtpd.controller import Controller


class Recorder:
    """Keeps every message it accepts. `reply`, `mail_reply` and `rcpt_reply` answer DATA,
    MAIL FROM and RCPT TO with an error instead (e.g. "451 4.3.0 try later"): every time,
    or only `replies_left` times when that is set."""

    def __init__(self):
        self.messages: list[email.message.EmailMessage] = []
        self.reply: str | None = None  # e.g. "451 4.3.0 try later" or "550 5.1.1 no such user"
        self.mail_reply: str | None = None
        self.rcpt_reply: str | None = None
        self.replies_left: int | None = None
        self.transactions = 0  # MAIL FROM commands: messages the client tried to send

    def _error(self, reply: str | None) -> str | None:
        if not reply or self.replies_left == 0:
            return None
        if self.replies_left is not None:
            self.replies_left -= 1
        return reply

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        self.transactions += 1
        if error := self._error(self.mail_reply):
            return error
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if error := self._error(self.rcpt_reply):
            return error
        envelope.rcpt_tos.append(address)
        envelope.rcpt_options.extend(rcpt_options)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if error := self._error(self.reply):
            return error
        self.messages.append(email.message_from_bytes(envelope.content, policy=policy.default))
        return "250 OK"

    def message_ids(self) -> Counter:
        return Counter(m["Message-ID"] for m in self.messages)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Sink:
    def __init__(self):
        self.recorder = Recorder()
        self.port = free_port()
        self.controller = Controller(self.recorder, hostname="127.0.0.1", port=self.port)

    def __enter__(self):
        self.controller.start()
        return self

    def __exit__(self, *exc):
        self.controller.stop()

    def restart(self):
        """Stop and start again on the same port: open client connections are dropped."""
        self.controller.stop()
        self.controller = Controller(self.recorder, hostname="127.0.0.1", port=self.port)
        self.controller.start()
