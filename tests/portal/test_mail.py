"""The mail task sends through a real SMTP server and retries when the server is away."""

import pytest
from django_tasks_db.models import DBTaskResult

from events.mail import send_email
from tests.mailserver import free_port

pytestmark = pytest.mark.django_db


def test_an_enqueued_message_is_delivered_by_the_worker(smtp_server, run_tasks):
    send_email.enqueue(to=["maire@example.fr"], subject="Votre candidature", body="Bonjour\nÇa avance.")
    assert smtp_server.messages == []

    run_tasks()

    [message] = smtp_server.messages
    assert message["To"] == "maire@example.fr"
    assert message["Subject"] == "Votre candidature"
    assert message.get_content() == "Bonjour\nÇa avance.\n"


def test_a_message_the_server_refuses_is_scheduled_again(settings, run_tasks):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()  # nothing listens there

    send_email.enqueue(to=["mer@example.ru"], subject="Заявка", body="Здравствуйте")
    run_tasks()

    first, retry = DBTaskResult.objects.order_by("enqueued_at")
    assert first.status == "SUCCESSFUL"
    assert first.return_value["sent"] is False
    assert retry.status == "READY"
    assert retry.args_kwargs["kwargs"]["attempt"] == 2
    assert retry.run_after > first.finished_at
