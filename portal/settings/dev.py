"""Local development: debug on, a throw-away secret, SQLite unless DATABASE_URL says otherwise."""

import os

from .base import *  # noqa: F403
from .base import env_bool

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-not-secret-" + "x" * 40)

# Readable logs while developing; production logs JSON.
LOGGING["handlers"]["stdout"]["formatter"] = os.environ.get("LOG_FORMAT", "plain")  # noqa: F405

# A placeholder media contact, so that the press room shows where it goes (set the real one in production).
PRESS_CONTACT = {
    "name": os.environ.get("PRESS_CONTACT_NAME", "Service de presse de l’Année franco-russe 2021"),
    "email": os.environ.get("PRESS_CONTACT_EMAIL", "presse@example.org"),
    "phone": os.environ.get("PRESS_CONTACT_PHONE", "+33 1 00 00 00 00"),
}
