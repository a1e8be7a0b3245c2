"""Test settings: fast password hashing, no debug, the same database selection as dev."""

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-not-secret-" + "x" * 40
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Whole-page caching is off in tests (each test rolls back its data); tests of the cache turn it on.
CACHE_MIDDLEWARE_SECONDS = 0
