"""Throwaway servers for the outage tests: PostgreSQL, Redis and the portal itself, each in its own process.

Every server here is started by the test that uses it, on a free loopback port, with its files in a
temporary directory, and is stopped and removed afterwards. Nothing here ever touches the machine's
own PostgreSQL or Redis: a test that needs an outage breaks a server it started.

- `PostgreSQLServer`: a temporary cluster (`initdb` + `pg_ctl`). PostgreSQL refuses to run as root,
  so when the tests run as root the cluster belongs to the `postgres` system user (`runuser`).
- `RedisServer`: `redis-server --port <free> --save ''`, which the test can stop, start, freeze
  (SIGSTOP: connections are accepted by the kernel but never answered) and thaw.
- `PortalServer`: the portal under gunicorn, with the environment the test gives it (DATABASE_URL,
  REDIS_URL...), so that several real worker processes can share one database.
"""

import http.client
import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
POSTGRESQL_BIN = Path(os.environ.get("POSTGRESQL_BIN", "/usr/lib/postgresql/15/bin"))


class Unavailable(Exception):
    """This machine cannot run the server (missing binaries, no unprivileged user): skip with the reason."""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"nothing answers on port {port} after {timeout} s")


class PostgreSQLServer:
    """A PostgreSQL cluster of its own in a temporary directory: `url(name)`, `stop()`, `start()`."""

    host = "127.0.0.1"

    def __init__(self):
        for program in ("initdb", "pg_ctl", "postgres"):
            if not (POSTGRESQL_BIN / program).exists():
                raise Unavailable(f"PostgreSQL's {program} is not in {POSTGRESQL_BIN} (set POSTGRESQL_BIN)")
        self._as_user = []
        self._owner = None
        if os.geteuid() == 0:  # PostgreSQL will not run as root: the cluster belongs to an ordinary user
            try:
                self._owner = pwd.getpwnam("postgres")
            except KeyError:
                raise Unavailable("running as root without a `postgres` user to own a cluster") from None
            runuser = shutil.which("runuser")
            if not runuser:
                raise Unavailable("running as root without runuser to start PostgreSQL as `postgres`")
            self._as_user = [runuser, "-u", "postgres", "--"]
        self.port = free_port()
        self.directory = Path(tempfile.mkdtemp(prefix="throwaway-postgresql-"))
        self.data = self.directory / "data"
        if self._owner:
            os.chown(self.directory, self._owner.pw_uid, self._owner.pw_gid)

    def url(self, name: str = "postgres") -> str:
        return f"postgres://postgres@{self.host}:{self.port}/{name}"

    def _run(self, *command, check=True):
        return subprocess.run(
            [*self._as_user, *command], check=check, capture_output=True, text=True, cwd=self.directory
        )

    def __enter__(self):
        initdb = str(POSTGRESQL_BIN / "initdb")
        self._run(initdb, "-D", str(self.data), "-U", "postgres", "-A", "trust", "-E", "UTF8")
        self.start()
        return self

    def start(self):
        options = (
            f"-p {self.port} -c listen_addresses={self.host} -k {self.directory} "
            "-c fsync=off -c full_page_writes=off -c shared_buffers=16MB -c max_connections=40"
        )
        self._run(
            str(POSTGRESQL_BIN / "pg_ctl"), "-D", str(self.data), "-o", options,
            "-l", str(self.directory / "log"), "-w", "-t", "30", "start",
        )  # fmt: skip

    def stop(self):
        self._run(str(POSTGRESQL_BIN / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop")

    def create_database(self, name: str) -> str:
        createdb = str(POSTGRESQL_BIN / "createdb")
        self._run(createdb, "-h", self.host, "-p", str(self.port), "-U", "postgres", name)
        return self.url(name)

    def __exit__(self, *exc):
        pg_ctl = str(POSTGRESQL_BIN / "pg_ctl")
        self._run(pg_ctl, "-D", str(self.data), "-m", "immediate", "stop", check=False)
        shutil.rmtree(self.directory, ignore_errors=True)


class RedisServer:
    """A redis-server of its own, without persistence: `stop()`, `start()`, `freeze()`, `thaw()`."""

    host = "127.0.0.1"

    def __init__(self):
        self.program = shutil.which("redis-server")
        if not self.program:
            raise Unavailable("redis-server is not installed")
        self.port = free_port()
        self.url = f"redis://{self.host}:{self.port}/0"
        self.process = None

    def __enter__(self):
        self.start()
        return self

    def start(self):
        self.process = subprocess.Popen(
            [self.program, "--port", str(self.port), "--bind", self.host, "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for_port(self.port)

    def stop(self):
        if self.process and self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGCONT)  # a frozen server cannot stop otherwise
            self.process.terminate()
            self.process.wait(timeout=10)
        self.process = None

    def freeze(self):
        os.kill(self.process.pid, signal.SIGSTOP)

    def thaw(self):
        os.kill(self.process.pid, signal.SIGCONT)

    def __exit__(self, *exc):
        self.stop()


@dataclass
class Answer:
    status: int
    headers: dict
    body: bytes
    seconds: float

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")


class PortalServer:
    """The portal under gunicorn (one worker process, page cache on), with the test's environment.

    `manage(...)` runs a management command with the same environment (migrate, load_programme...).
    """

    host = "127.0.0.1"

    def __init__(self, **environment):
        self.port = free_port()
        self.url = f"http://{self.host}:{self.port}"
        self.environment = {
            **{k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}},
            "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
            "DEBUG": "0",
            "LOG_LEVEL": "CRITICAL",
            "PYTHONDONTWRITEBYTECODE": "1",
            **environment,
        }
        self.process = None

    def manage(self, *arguments) -> str:
        done = subprocess.run(
            [sys.executable, "manage.py", *arguments],
            cwd=ROOT,
            env=self.environment,
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode:
            raise RuntimeError(f"manage.py {' '.join(arguments)} failed:\n{done.stdout}\n{done.stderr}")
        return done.stdout

    def __enter__(self):
        self.process = subprocess.Popen(
            [
                sys.executable, "-m", "gunicorn", "portal.wsgi", "--bind", f"{self.host}:{self.port}",
                "--workers", "1", "--timeout", "60", "--graceful-timeout", "2",
            ],
            cwd=ROOT, env=self.environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError("the portal's gunicorn exited at start")
            try:
                if self.get("/ping", timeout=1).status == 200:
                    return self
            except OSError:
                time.sleep(0.1)
        self.__exit__()
        raise RuntimeError("the portal did not start")

    def get(self, path: str, *, method="GET", headers: dict | None = None, timeout: float = 10) -> Answer:
        """One request, redirects not followed, whatever the status."""
        connection = http.client.HTTPConnection(self.host, self.port, timeout=timeout)
        started = time.monotonic()
        try:
            connection.request(method, path, headers=headers or {})
            response = connection.getresponse()
            body = response.read()
            return Answer(response.status, dict(response.getheaders()), body, time.monotonic() - started)
        finally:
            connection.close()

    def __exit__(self, *exc):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
