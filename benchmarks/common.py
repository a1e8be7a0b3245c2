"""What the benchmark scripts share: the environment, Django set-up, the endpoints, the server.

The scripts run from the repository root as `.venv/bin/python benchmarks/<script>.py`. They talk
to the portal only over loopback (127.0.0.1) and every load they send is bounded in time.
"""

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "benchmarks"
VENV_BIN = ROOT / ".venv" / "bin"
LOOPBACK = "127.0.0.1"
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/portal_bench"

# The production settings, as deployed, with what a loopback benchmark needs (see docs/benchmarks.md).
SERVER_ENVIRONMENT = {
    "DJANGO_SETTINGS_MODULE": "benchmarks.settings",
    "SECRET_KEY": "bench",
    "ALLOWED_HOSTS": LOOPBACK,
    "SECURE_SSL_REDIRECT": "false",
    "CONN_MAX_AGE": "60",
    "LOG_LEVEL": "ERROR",  # 4xx answers to wrong parameters are expected; errors are what counts
}


def setup_django(settings_module: str, **environment: str) -> None:
    """Put the repository on sys.path, set the environment and start Django in this process.

    DATABASE_URL keeps the caller's value when exported (the benchmark database by default); the
    keyword arguments override everything else.
    """
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DATABASE_URL", DEFAULT_DATABASE_URL)
    os.environ.update({"DJANGO_SETTINGS_MODULE": settings_module, **environment})
    import django

    django.setup()


@contextmanager
def production_django(**environment: str):
    """Django in this process with the server's settings and a freshly collected static root,
    removed at the end; yields that root for the servers to share.

    Whole-page caching is off in this process (CACHE_SECONDS=0) so that query counts and profiles
    measure the work of the views; servers choose their own cache configuration.
    """
    static_root = Path(tempfile.mkdtemp(prefix="bench-static-"))
    try:
        for name in ("REDIS_URL", "CACHE_SECONDS"):
            os.environ.pop(name, None)
        setup_django(
            SERVER_ENVIRONMENT["DJANGO_SETTINGS_MODULE"],
            **{
                **SERVER_ENVIRONMENT,
                "BENCH_STATIC_ROOT": str(static_root),
                "CACHE_SECONDS": "0",
                **environment,
            },
        )
        from django.core.management import call_command

        call_command("collectstatic", interactive=False, verbosity=0)
        yield static_root
    finally:
        shutil.rmtree(static_root, ignore_errors=True)


def database_name(url: str) -> str:
    import dj_database_url

    return dj_database_url.parse(url)["NAME"]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((LOOPBACK, 0))
        return sock.getsockname()[1]


def require_loopback(url: str) -> None:
    """Refuse to send load anywhere but this machine's loopback interface."""
    from urllib.parse import urlsplit

    host = urlsplit(url).hostname or ""
    if not (host == "localhost" or host.startswith("127.") or host == "::1"):
        raise SystemExit(f"refusing to load {host!r}: benchmarks only target loopback addresses")


# --- Endpoints ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Endpoint:
    """A public address to measure; `expected` is the status a correct portal answers."""

    name: str
    path: str
    expected: int = 200


def benchmark_endpoints() -> list[Endpoint]:
    """The pages of the latency/throughput table, with /ping first as the reference.

    Translated URL segments come from reverse() under French; the filter values, the project and the
    search words come from the benchmark database, so that every request finds projects.
    """
    from urllib.parse import urlencode

    from django.urls import reverse
    from django.utils import translation

    sample = database_sample()
    with translation.override("fr"):
        projects = reverse("events:project-list")
        return [
            Endpoint("ping", reverse("ping")),
            Endpoint("home", reverse("home")),
            Endpoint("list", projects),
            Endpoint(
                "filtered list",
                projects
                + "?"
                + urlencode({"theme": sample.theme, "region": sample.region, "month": sample.month}),
            ),
            Endpoint("search latin", projects + "?" + urlencode({"q": "iaroslavl"})),
            Endpoint("search cyrillic", projects + "?" + urlencode({"q": "Ярославль"})),
            Endpoint("project", reverse("events:project-detail", kwargs={"slug": sample.project})),
            Endpoint("map", reverse("partners:map")),
            Endpoint("api json", reverse("api-projects")),
            Endpoint("atom feed", reverse("events:feed")),
        ]


def public_endpoints() -> list[Endpoint]:
    """Every public address (the table's and all the others), including wrong parameters, with the
    status the portal should answer: for query counts."""
    from urllib.parse import urlencode

    from django.urls import reverse
    from django.utils import translation

    sample = database_sample()
    endpoints = list(benchmark_endpoints())
    for lang in ("ru", "en"):
        with translation.override(lang):
            endpoints += [
                Endpoint(f"home {lang}", reverse("home")),
                Endpoint(f"list {lang}", reverse("events:project-list")),
                Endpoint(f"project {lang}", reverse("events:project-detail", args=[sample.project])),
            ]
    with translation.override("fr"):
        projects = reverse("events:project-list")
        endpoints += [
            Endpoint("list page 50", projects + "?page=50"),
            Endpoint("list sorted by title", projects + "?sort=title"),
            Endpoint("search two words", projects + "?" + urlencode({"q": "кружево festival"})),
            Endpoint(
                "territory filter",
                projects + "?" + urlencode({"territory": sample.russian_subject, "quarter": "2021-Q3"}),
            ),
            Endpoint("partner filter", projects + "?" + urlencode({"partner": sample.partner})),
            Endpoint("theme", reverse("events:theme-detail", kwargs={"slug": sample.theme})),
            Endpoint("calendar", reverse("events:calendar")),
            Endpoint("embed", reverse("events:embed")),
            Endpoint(
                "territory region", reverse("partners:territory-detail", kwargs={"slug": sample.region})
            ),
            Endpoint(
                "territory subject",
                reverse("partners:territory-detail", kwargs={"slug": sample.russian_subject}),
            ),
            Endpoint("territory city", reverse("partners:territory-detail", kwargs={"slug": sample.city})),
            Endpoint("partner", reverse("partners:partner-detail", kwargs={"slug": sample.partner})),
            Endpoint("pair", reverse("partners:pair-detail", kwargs={"slug": sample.pair})),
            Endpoint("theme feed", reverse("events:theme-feed", kwargs={"slug": sample.theme})),
            Endpoint(
                "territory feed",
                reverse("events:territory-feed", kwargs={"slug": sample.russian_subject}),
            ),
            # Wrong input: the portal answers 400/404/410, never 500.
            Endpoint("bad month", projects + "?month=2021-13", 400),
            Endpoint("bad page", projects + "?page=abc", 400),
            Endpoint("page out of range", projects + "?page=99999", 404),
            Endpoint("bad date and theme", projects + "?date_from=31-12-2021&theme=nope", 400),
            Endpoint(
                "long query", projects + "?" + urlencode({"q": "лён " * 120}), 400
            ),  # over 200 characters
            Endpoint("unknown project", reverse("events:project-detail", kwargs={"slug": "nope"}), 404),
            Endpoint(
                "withdrawn project",
                reverse("events:project-detail", kwargs={"slug": sample.withdrawn_project}),
                410,
            ),
            Endpoint(
                "proposed project",
                reverse("events:project-detail", kwargs={"slug": sample.proposed_project}),
                404,
            ),
            Endpoint("bad calendar year", reverse("events:calendar") + "?year=abc", 400),
        ]
        endpoints.append(Endpoint("map svg", reverse("partners:map-svg")))
    endpoints += [
        Endpoint("short link", reverse("short-link", args=[sample.project_pk]), 302),
        Endpoint("api json filtered", reverse("api-projects") + "?" + urlencode({"q": "dentelle"})),
        Endpoint("api json bad page size", reverse("api-projects") + "?page_size=1000", 400),
        Endpoint("api csv", reverse("api-projects-csv") + "?" + urlencode({"theme": sample.theme})),
        Endpoint("api ics", reverse("api-projects-ics") + "?" + urlencode({"region": sample.region})),
        Endpoint("api project ics", reverse("api-project-ics", args=[sample.project_pk])),
        Endpoint("api themes", reverse("api-themes")),
        Endpoint("api territories", reverse("api-territories")),
        Endpoint("robots", reverse("robots")),
        Endpoint("healthz", reverse("healthz")),
        Endpoint("sitemap", reverse("sitemap")),
    ]
    for section in ("projects", "partners", "pairs"):
        path = reverse("sitemap-section", kwargs={"section": section})
        endpoints.append(Endpoint(f"sitemap {section}", path + "?p=1"))
    return endpoints


@dataclass(frozen=True)
class DatabaseSample:
    theme: str
    region: str
    month: str
    project: str
    project_pk: int
    withdrawn_project: str
    proposed_project: str
    russian_subject: str
    city: str
    partner: str
    pair: str


def database_sample() -> DatabaseSample:
    """Stable, representative rows of the benchmark database to put in addresses.

    The filter combination is the most common (theme, region) so that the filtered list is a full page.
    """
    from django.db.models import Count

    from events import selectors
    from events.models import LabellingStatus, Project
    from partners.models import PartnerPair, Territory

    published = selectors.published_projects()
    combo = (
        published.filter(planned_start__lte="2021-09-30", planned_end__gte="2021-09-01")
        .values("themes__slug", "french_region__slug")
        .exclude(french_region=None)
        .annotate(n=Count("pk"))
        .order_by("-n", "themes__slug", "french_region__slug")
        .first()
    )
    project = published.filter(description_fr__gt="").order_by("id").annotate(n=Count("participations"))
    project = project.filter(n__gte=3).first() or published.order_by("id").first()
    city = Territory.objects.filter(slug="iaroslavl").first() or Territory.objects.filter(kind="city").first()
    subject = city.parent
    partner = project.participations.order_by("side", "position").first().partner
    pair = PartnerPair.objects.filter(projects__in=published).order_by("id").first()
    return DatabaseSample(
        theme=combo["themes__slug"],
        region=combo["french_region__slug"],
        month="2021-09",
        project=project.slug,
        project_pk=project.pk,
        # Withdrawn after it was public (410); one withdrawn before publication answers 404.
        withdrawn_project=Project.objects.filter(status=LabellingStatus.WITHDRAWN, published_at__isnull=False)
        .order_by("id")
        .first()
        .slug,
        proposed_project=Project.objects.filter(status=LabellingStatus.PROPOSED).order_by("id").first().slug,
        russian_subject=subject.slug,
        city=city.slug,
        partner=partner.slug,
        pair=pair.slug,
    )


# --- The server ---------------------------------------------------------------------------------


@dataclass
class Server:
    url: str
    process: subprocess.Popen
    log: Path


@contextmanager
def gunicorn(
    *,
    workers: int = 2,
    threads: int = 1,
    static_root: Path,
    environment: dict | None = None,
    timeout: int = 30,  # gunicorn's default, as deployed
):
    """Serve the portal with gunicorn on a free loopback port until the block ends."""
    port = free_port()
    log = Path(tempfile.mkstemp(prefix="bench-gunicorn-", suffix=".log")[1])
    inherited = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "CACHE_SECONDS")}
    env = {
        **inherited,
        **SERVER_ENVIRONMENT,
        "BENCH_STATIC_ROOT": str(static_root),
        **(environment or {}),
    }
    command = [
        str(VENV_BIN / "gunicorn"),
        "portal.wsgi",
        "--bind",
        f"{LOOPBACK}:{port}",
        "--workers",
        str(workers),
        "--threads",
        str(threads),
        "--timeout",
        str(timeout),
    ]
    with log.open("w") as out:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    server = Server(url=f"http://{LOOPBACK}:{port}", process=process, log=log)
    try:
        wait_until_up(server)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def is_error_line(line: str) -> bool:
    """A server log line that reports an error: the portal's JSON logs or gunicorn's own.

    Wrong parameters are logged as warnings (with a traceback for BadRequest): they are expected.
    """
    markers = ('"level": "ERROR"', '"level": "CRITICAL"', "[ERROR]", "[CRITICAL]")
    return any(marker in line for marker in markers)


def wait_until_up(server: Server, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise SystemExit(
                f"gunicorn exited with {server.process.returncode}:\n{server.log.read_text()[-3000:]}"
            )
        try:
            with urllib.request.urlopen(server.url + "/ping", timeout=2) as response:  # noqa: S310 - loopback
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.2)
    raise SystemExit(f"gunicorn did not answer within {seconds} s:\n{server.log.read_text()[-3000:]}")
