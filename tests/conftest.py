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
