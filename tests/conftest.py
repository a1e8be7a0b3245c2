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
def run_tasks(db):
    """Work the task queue as `manage.py db_worker` does, until nothing is left to do now."""
    from django.core.management import call_command

    def run():
        call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)

    return run
