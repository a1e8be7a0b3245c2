"""Staff sign-in behind the reverse proxy: lockouts that hit the attacker, not the account's owner;
no password of one repeated character; sessions that end when left idle."""

import datetime

import pytest
from django.contrib.auth.password_validation import validate_password
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.utils import timezone

from tests.staff import make_staff

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.2"
PASSWORD = "a-long-test-password-123"


@pytest.fixture
def behind_proxy(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/24"]


def sign_in(client, password, *, forwarded_for=None, remote=PROXY, username="editor"):
    headers = {"REMOTE_ADDR": remote}
    if forwarded_for is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded_for
    data = {"username": username, "password": password, "next": "/admin/"}
    return client.post("/admin/login/", data, **headers)


def signed_in(response) -> bool:
    return response.status_code == 302 and response["Location"] == "/admin/"


def test_an_attacker_behind_the_proxy_locks_only_himself_out(client, behind_proxy):
    make_staff("editor", "Editors")
    for _ in range(5):
        assert not signed_in(sign_in(client, "wrong", forwarded_for="203.0.113.5"))
    assert sign_in(client, PASSWORD, forwarded_for="203.0.113.5").status_code == 429  # locked out
    assert signed_in(sign_in(client, PASSWORD, forwarded_for="198.51.100.7"))  # the editor, elsewhere


def test_a_client_cannot_choose_its_address_by_writing_x_forwarded_for(client, behind_proxy):
    make_staff("editor", "Editors")
    for n in range(5):  # each attempt claims another address before the one the proxy adds
        sign_in(client, "wrong", forwarded_for=f"192.0.2.{n}, 203.0.113.5")
    assert sign_in(client, PASSWORD, forwarded_for="192.0.2.99, 203.0.113.5").status_code == 429


def test_without_a_trusted_proxy_x_forwarded_for_is_ignored(client):
    make_staff("editor", "Editors")
    for n in range(5):
        sign_in(client, "wrong", forwarded_for=f"192.0.2.{n}", remote="203.0.113.5")
    assert sign_in(client, PASSWORD, forwarded_for="192.0.2.99", remote="203.0.113.5").status_code == 429
    assert signed_in(sign_in(client, PASSWORD, remote="198.51.100.7"))


@pytest.mark.parametrize(
    "password", ["aaaaaaaaaaaaaaaa", "abababababababab", "123123123123123", "zxzxzyzyzxzxzy"]
)
def test_passwords_of_too_few_different_characters_are_refused(password):
    with pytest.raises(ValidationError) as refused:
        validate_password(password)
    assert "password_too_repetitive" in {error.code for error in refused.value.error_list}


def test_a_varied_password_is_accepted():
    validate_password("Sept chats gris dorment 7 fois")


def test_a_staff_session_left_idle_ends_and_activity_keeps_it_alive(client, settings):
    settings.SESSION_COOKIE_AGE = 30 * 60
    client.force_login(make_staff("editor", "Editors"))
    assert client.get("/admin/").status_code == 200
    session = Session.objects.get()
    assert abs(session.expire_date - (timezone.now() + datetime.timedelta(minutes=30))).total_seconds() < 60
    Session.objects.update(expire_date=timezone.now() - datetime.timedelta(seconds=1))  # 30 idle minutes
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
