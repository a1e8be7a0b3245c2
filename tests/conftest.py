import pytest

from events.programme import load_programme


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every database test starts from the complete official programme (rolled back after each test)."""
    with django_db_blocker.unblock():
        load_programme()


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in the default language (French), whatever an earlier test activated."""
    from django.conf import settings
    from django.utils import translation

    with translation.override(settings.LANGUAGE_CODE):
        yield


@pytest.fixture
def client(client):
    client.defaults["HTTP_HOST"] = "localhost"
    return client


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: data rolled back by a test must not survive in it (nor
    the content version it raised, which rolled back with it)."""
    from django.core.cache import cache

    from portal import cache as content

    cache.clear()
    content.forget()


@pytest.fixture(autouse=True)
def content_version_raised_at_once(request, empty_cache):
    """On PostgreSQL the triggers raise the content version when a transaction commits (portal.cache);
    the transaction wrapping a test case never commits, so inside it they act at each statement."""
    from pytest_django.fixtures import validate_django_db

    marker = request.node.get_closest_marker("django_db")
    if not marker and "db" not in request.fixturenames:
        return
    transactional = (marker and validate_django_db(marker)[0]) or {
        "transactional_db",
        "live_server",
    } & set(request.fixturenames)
    if transactional:
        return
    request.getfixturevalue("db")
    from django.db import connection

    from portal import cache as content

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS portal_content_version IMMEDIATE")
    content.content_version()  # read now, so that the queries a test counts are the page's own


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server (aiosmtpd) on a free port of this machine; Django sends to it through SMTP.

    `smtp_server.messages` holds what it received, parsed as `email.message.EmailMessage`.
    """
    from tests.mailserver import SMTPServer

    with SMTPServer() as server:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST = server.host
        settings.EMAIL_PORT = server.port
        settings.EMAIL_USE_TLS = False
        settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
        yield server


@pytest.fixture
def run_tasks(db, monkeypatch):
    """Work the task queue as `manage.py db_worker` does, until nothing is left to do now.

    The worker checks its database connection between tasks like a request does; inside a test's
    transaction that check would close the test's own connection, so it is left out here, as
    Django's test framework leaves it out of the request cycle.
    """
    from django.core.management import call_command

    monkeypatch.setattr("django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None)

    def run():
        call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)

    return run


@pytest.fixture(scope="session")
def throwaway_postgresql():
    """A PostgreSQL cluster of this test session alone (see tests/servers.py), which tests may stop.

    A test that stops it starts it again before it ends.
    """
    from tests.servers import PostgreSQLServer, Unavailable

    try:
        server = PostgreSQLServer()
    except Unavailable as reason:
        pytest.skip(f"cannot start a throwaway PostgreSQL here: {reason}")
    with server:
        yield server


@pytest.fixture
def redis_server():
    """A redis-server of this test alone, on a free port, which the test may stop or freeze."""
    from tests.servers import RedisServer, Unavailable

    try:
        server = RedisServer()
    except Unavailable as reason:
        pytest.skip(f"cannot start a throwaway Redis here: {reason}")
    with server:
        yield server
