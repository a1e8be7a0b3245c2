"""The production settings, unchanged except for where collected static files live, and no cache at
all when BENCH_DUMMY_CACHE is set (the "nocache" configuration of run.py).

Production serves static files through whitenoise's manifest (hashed names), so pages cannot render
before `collectstatic`. The benchmarks collect into a temporary directory (BENCH_STATIC_ROOT) rather
than the working tree's `staticfiles/`, which belongs to whoever deploys from it.
"""

import os

from portal.settings.production import *  # noqa: F403

STATIC_ROOT = os.environ["BENCH_STATIC_ROOT"]

if os.environ.get("BENCH_DUMMY_CACHE"):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
