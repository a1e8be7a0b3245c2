"""The production settings, unchanged except for where collected static files live.

Production serves static files through whitenoise's manifest (hashed names), so pages cannot render
before `collectstatic`. The benchmarks collect into a temporary directory (BENCH_STATIC_ROOT) rather
than the working tree's `staticfiles/`, which belongs to whoever deploys from it.
"""

import os

from portal.settings.production import *  # noqa: F403

STATIC_ROOT = os.environ["BENCH_STATIC_ROOT"]
