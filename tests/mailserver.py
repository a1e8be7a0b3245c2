"""A throwaway SMTP server for tests: aiosmtpd in a process of its own, on a free loopback port.

It runs outside the portal's import path (aiosmtpd's dependency `atpublic` is a module named
`public`, like the portal's app) and stores what it receives in a Maildir that the tests read.
"""

import email
import email.policy
import mailbox
import socket
import subprocess
import sys
import tempfile
import time


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class SMTPServer:
    host = "127.0.0.1"

    def __init__(self):
        self.port = free_port()
        self._directory = tempfile.TemporaryDirectory(prefix="smtp-")
        self._maildir = f"{self._directory.name}/mail"
        self._process = None

    @property
    def messages(self) -> list[email.message.EmailMessage]:
        """What the server received so far, oldest first; `X-RcptTo` holds the envelope's recipients."""
        box = mailbox.Maildir(self._maildir, create=False)
        policy = email.policy.default
        received = [email.message_from_bytes(box.get_bytes(key), policy=policy) for key in box.iterkeys()]
        return sorted(received, key=lambda message: float(message["X-Received-At"] or 0))

    def __enter__(self):
        command = [sys.executable, "-c", _SERVER, f"{self.port}", self._maildir]
        self._process = subprocess.Popen(command, cwd=self._directory.name)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                socket.create_connection((self.host, self.port), timeout=0.2).close()
                return self
            except OSError:
                time.sleep(0.05)
        self.__exit__()
        raise RuntimeError("the test SMTP server did not start")

    def __exit__(self, *exc):
        self._process.terminate()
        self._process.wait(timeout=10)
        self._directory.cleanup()


# The server process: aiosmtpd's Mailbox handler, with the arrival time added for ordering.
_SERVER = """
import sys, time
from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Mailbox

class Timed(Mailbox):
    def prepare_message(self, session, envelope):
        message = super().prepare_message(session, envelope)
        message["X-Received-At"] = repr(time.time())
        return message

controller = Controller(Timed(sys.argv[2]), hostname="127.0.0.1", port=int(sys.argv[1]))
controller.start()
try:
    while True:
        time.sleep(3600)
finally:
    controller.stop()
"""
