"""E-mail sent by the portal (notifications to staff, messages to applicants), always from the task queue.

A request never waits for a mail server: callers enqueue `send_email` (inside their transaction, so a
rolled-back change sends nothing). A failed send is tried again later, up to MAX_ATTEMPTS times; each
failure is logged and the last one stays visible to staff as a failed task in the admin.
"""

import logging
import smtplib
from datetime import timedelta

from django.core.mail import EmailMessage
from django.utils import timezone
from django_tasks import task

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
RETRY_DELAYS = (timedelta(minutes=1), timedelta(minutes=5), timedelta(minutes=30), timedelta(hours=2))


@task()
def send_email(
    *, to: list[str], subject: str, body: str, reply_to: list[str] | None = None, attempt: int = 1
):
    """Send one plain-text message; on a failure of the mail server, schedule the next attempt."""
    message = EmailMessage(subject=subject, body=body, to=to, reply_to=reply_to or None)
    try:
        message.send()
    except (smtplib.SMTPException, OSError) as error:
        if attempt >= MAX_ATTEMPTS:
            logger.error("E-mail to %s failed for good after %d attempts: %s", to, attempt, error)
            raise
        delay = RETRY_DELAYS[attempt - 1]
        logger.warning("E-mail to %s failed (attempt %d), retrying in %s: %s", to, attempt, delay, error)
        send_email.using(run_after=timezone.now() + delay).enqueue(
            to=to, subject=subject, body=body, reply_to=reply_to, attempt=attempt + 1
        )
        return {"sent": False, "attempt": attempt, "error": str(error)}
    return {"sent": True, "attempt": attempt}
