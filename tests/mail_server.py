"""A real SMTP server for tests: aiosmtpd on a free port of 127.0.0.1, keeping what it receives.

`received` holds each accepted message; `on_message` may be set to run in the server's thread
when a message arrives, before the server answers (a test uses it to stop a worker mid-send).
"""

from __future__ import annotations

import email
import re
import socket
import threading
from collections.abc import Callable, Generator
from dataclasses import dataclass, field
from email.message import Message
from typing import Any

import pytest
from aiosmtpd.controller import Controller


@dataclass
class MailServer:
    host: str
    port: int
    received: list[Message] = field(default_factory=list)
    on_message: Callable[[Message], None] | None = None
    arrived: threading.Condition = field(default_factory=threading.Condition)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        message = email.message_from_bytes(envelope.content)
        if self.on_message is not None:
            self.on_message(message)
        with self.arrived:
            self.received.append(message)
            self.arrived.notify_all()
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list[Message]:
        return [message for message in self.received if message["To"] == address]

    def wait_for(self, count: int, timeout: float = 30) -> None:
        """Block until `count` messages have arrived; fail after `timeout` seconds."""
        with self.arrived:
            if not self.arrived.wait_for(lambda: len(self.received) >= count, timeout):
                raise AssertionError(f"{len(self.received)} of {count} messages arrived")


def link_in(message: Message) -> str:
    """The first web address in a message's text."""
    body = message.get_payload(decode=True)
    assert isinstance(body, bytes)
    found = re.search(r"https?://\S+", body.decode())
    assert found, "the message holds no link"
    return found.group(0)


def subject_of(message: Message) -> str:
    """The subject on one line, as a mail client shows it (long headers arrive folded)."""
    return " ".join(str(message["Subject"]).split())


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def mail_server() -> Generator[MailServer]:
    server = MailServer("127.0.0.1", free_port())
    controller = Controller(server, hostname=server.host, port=server.port)
    controller.start()
    try:
        yield server
    finally:
        controller.stop()


@pytest.fixture
def smtp_settings(settings: Any, mail_server: MailServer) -> MailServer:
    """Django sends to the test's SMTP server."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = mail_server.host
    settings.EMAIL_PORT = mail_server.port
    settings.EMAIL_USE_TLS = False
    return mail_server
