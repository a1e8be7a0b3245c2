"""Local development: debug on, a throw-away secret, SQLite unless DATABASE_URL says otherwise."""

import os

from .base import *  # noqa: F403
from .base import env_bool

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-not-secret-" + "x" * 40)

# Readable logs while developing; production logs JSON.
LOGGING["handlers"]["stdout"]["formatter"] = os.environ.get("LOG_FORMAT", "plain")  # noqa: F405
