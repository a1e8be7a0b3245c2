"""Caches that never serve withdrawn content, in any worker of any machine.

Whole public pages (Django's cache middleware) and a few data tables (events.selectors) are cached.
Every key of the default cache carries the *content version* (`make_key`, settings CACHES
KEY_FUNCTION): a counter in the table portal_contentversion that database triggers raise on every
write to a table of public content, whatever made it (admin, services, imports, the programme loader,
`manage.py shell`, a bulk `queryset.update()`, raw SQL). A change therefore makes every cached entry
of the previous version unreachable for every process that reads the new version; those entries
simply expire. Nothing is ever "cleared", so one worker's change needs no message to the others.

Each process reads the version at most once per CONTENT_VERSION_SECONDS (0.5 s by default: a cached
page costs no database query in between), so a change is visible everywhere within that delay.
A request reads it once, before anything else, and keeps it to the end (`ContentVersionMiddleware`):
a page rendered from data older than a change can only be stored under a version older than that
change, never under the new one.

The triggers are (re)installed after every `migrate` on every table of the apps `partners` and
`events` (new tables included) and on django.contrib's redirects and sites. On PostgreSQL they are
deferred to the commit, so the counter's row is locked for the last instant of a transaction only,
and a version is never visible before the data it stands for.
"""

import contextvars
import time

from django.apps import apps
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save

CONTENT_APPS = ("partners", "events")
EXTRA_CONTENT_MODELS = ("redirects.Redirect", "sites.Site")
# Tables of those apps that no public page shows: a change proposed to a published project waits
# for review (events.review) without touching what the public sees, so it keeps every cached page.
STAFF_ONLY_MODELS = ("events.ProjectRevision", "events.StaffProfile")
TABLE = "portal_contentversion"
TRIGGER = "portal_content_version"
# Keys that must not depend on the content version: the health check probes the cache itself, and
# rate limits (applications.abuse) must not start again at each change of content.
UNVERSIONED_PREFIXES = ("healthz", "ratelimit:")

_memo: tuple[int | None, float] = (None, float("-inf"))
_request_version: contextvars.ContextVar[list | None] = contextvars.ContextVar(
    "content_version", default=None
)


def content_models() -> list:
    """Every model whose rows can appear on a public page (history tables excepted)."""
    models = [
        model
        for label in CONTENT_APPS
        for model in apps.get_app_config(label).get_models(include_auto_created=True)
        if not model.__name__.startswith("Historical") and model._meta.label not in STAFF_ONLY_MODELS
    ]
    return models + [apps.get_model(label) for label in EXTRA_CONTENT_MODELS]


def read_version(using: str = DEFAULT_DB_ALIAS) -> int:
    with connections[using].cursor() as cursor:
        cursor.execute(f"SELECT version FROM {TABLE} WHERE id = 1")  # noqa: S608 - a constant
        row = cursor.fetchone()
    return row[0] if row else 0


def _in_application_transaction() -> bool:
    """True inside a transaction the code opened: its writes may still roll back, so a version read
    there must not be remembered. In tests, everything runs inside the transaction that wraps the test
    case (never committed), which does not count: a test sees the version its writes raised."""
    connection = connections[DEFAULT_DB_ALIAS]
    if not connection.in_atomic_block:
        return False
    return not getattr(connection.atomic_blocks[0], "_from_testcase", False)


def _remember(value: int | None) -> None:
    global _memo
    trusted = value is not None and not _in_application_transaction()
    _memo = (value, time.monotonic()) if trusted else (None, 0)


def last_change():
    """(version, time of the change) as committed now, read afresh (for HTTP validators)."""
    from .models import ContentVersion

    row = ContentVersion.objects.filter(pk=1).values_list("version", "changed_at").first()
    return row or (0, None)


def forget() -> None:
    """Read the version again on next use (tests call it between test cases)."""
    _remember(None)


def content_version() -> int:
    """The version this request (or, outside requests, this moment) works with."""
    pinned = _request_version.get()
    if pinned:
        return pinned[0]
    value, read_at = _memo
    if value is None or time.monotonic() - read_at >= settings.CONTENT_VERSION_SECONDS:
        value = read_version()
        _remember(value)
    if pinned is not None:
        pinned.append(value)
    return value


def make_key(key: str, key_prefix: str, version: int) -> str:
    """The KEY_FUNCTION of the default cache: Django's key with the content version in it."""
    if key.startswith(UNVERSIONED_PREFIXES):
        return f"{key_prefix}:{version}:{key}"
    return f"{key_prefix}:{version}:c{content_version()}:{key}"


class ContentVersionMiddleware:
    """Pins the content version for the whole request (read lazily, on the first cache access)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _request_version.set([])
        try:
            return self.get_response(request)
        finally:
            _request_version.reset(token)


def content_changed(sender, **kwargs):
    """A content model was written through the ORM here: read the new version now rather than after
    CONTENT_VERSION_SECONDS (the triggers have raised it already; other processes need no signal)."""
    if kwargs.get("action", "post_").startswith("post_"):
        _remember(None)
        if not _in_application_transaction():
            _remember(read_version())


SQLITE_TRIGGER = """
CREATE TRIGGER IF NOT EXISTS {name} AFTER {event} ON "{table}" BEGIN
    INSERT INTO {counter} (id, version, changed_at) VALUES (1, 1, strftime('%Y-%m-%d %H:%M:%f', 'now'))
    ON CONFLICT (id) DO UPDATE SET version = version + 1, changed_at = excluded.changed_at;
END
"""

POSTGRESQL_FUNCTION = f"""
CREATE OR REPLACE FUNCTION {TRIGGER}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- Once per transaction, however many rows it wrote.
    IF current_setting('portal.content_version_raised', true) IS DISTINCT FROM txid_current()::text THEN
        INSERT INTO {TABLE} (id, version, changed_at) VALUES (1, 1, clock_timestamp())
        ON CONFLICT (id) DO UPDATE SET version = {TABLE}.version + 1, changed_at = excluded.changed_at;
        PERFORM set_config('portal.content_version_raised', txid_current()::text, true);
    END IF;
    RETURN NULL;
END
$$
"""  # noqa: S608 - constants only


def install_triggers(using: str = DEFAULT_DB_ALIAS) -> None:
    """Create the triggers that raise the content version on every content table (idempotent)."""
    connection = connections[using]
    tables = sorted({model._meta.db_table for model in content_models()})
    existing = set(connection.introspection.table_names())
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(POSTGRESQL_FUNCTION)
            for table in (t for t in tables if t in existing):
                cursor.execute(f'DROP TRIGGER IF EXISTS {TRIGGER} ON "{table}"')
                cursor.execute(
                    f'CREATE CONSTRAINT TRIGGER {TRIGGER} AFTER INSERT OR UPDATE OR DELETE ON "{table}" '
                    f"DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION {TRIGGER}()"
                )
        elif connection.vendor == "sqlite":
            for table in (t for t in tables if t in existing):
                for event in ("INSERT", "UPDATE", "DELETE"):
                    name = f"{TRIGGER}_{table}_{event.lower()}"
                    cursor.execute(SQLITE_TRIGGER.format(name=name, event=event, table=table, counter=TABLE))
        else:  # pragma: no cover - the portal supports SQLite and PostgreSQL only
            raise NotImplementedError(f"no content version triggers for {connection.vendor}")


def after_migrate(sender, using=DEFAULT_DB_ALIAS, **kwargs):
    install_triggers(using)


def connect(portal_config):
    post_migrate.connect(after_migrate, sender=portal_config, dispatch_uid="portal-content-triggers")
    for model in content_models():
        uid = f"content-{model._meta.label}"
        if model._meta.auto_created:
            m2m_changed.connect(content_changed, sender=model, dispatch_uid=uid)
        else:
            post_save.connect(content_changed, sender=model, dispatch_uid=uid)
            post_delete.connect(content_changed, sender=model, dispatch_uid=uid)
