import pytest

from events.programme import load_programme


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every database test starts from the complete official programme (rolled back after each test)."""
    with django_db_blocker.unblock():
        load_programme()


@pytest.fixture
def client(client):
    client.defaults["HTTP_HOST"] = "localhost"
    return client


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: data rolled back by a test must not survive in it."""
    from django.core.cache import cache

    cache.clear()


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
