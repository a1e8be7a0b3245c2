"""Test settings: fast password hashing, no debug, the same database selection as dev."""

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-not-secret-" + "x" * 40
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Whole-page caching is off in tests (each test rolls back its data); tests of the cache turn it on.
CACHE_MIDDLEWARE_SECONDS = 0

# A process reads the content version again after its own writes (signals) and, here, at the start of
# each test; not on a timer, so that the queries a test counts do not depend on its speed. The timed
# re-read (0.5 s in production) is what tests/portal/test_workers.py exercises across processes.
CONTENT_VERSION_SECONDS = 3600

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A database file rather than SQLite's shared in-memory database: with shared cache, a second
    # connection (a thread of a concurrency test) fails at once with "database table is locked"
    # instead of waiting for the lock as connections to a file do. In /dev/shm when there is one.
    import os
    import tempfile

    _shm = "/dev/shm"  # noqa: S108 - a private file name in a RAM-backed directory
    _directory = _shm if os.path.isdir(_shm) else tempfile.gettempdir()
    DATABASES["default"]["TEST"] = {"NAME": os.path.join(_directory, f"portal-test-{os.getpid()}.sqlite3")}  # noqa: F405
