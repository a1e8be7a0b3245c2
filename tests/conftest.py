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
