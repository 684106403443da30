"""Benchmark settings: the app's own, plus the raw-SQL control endpoints (bench/urls.py)."""

from crm.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
