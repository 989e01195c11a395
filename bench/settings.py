"""The product's settings plus a trivial view (the framework's floor) for `make bench`."""

import os

# Required with debug off; the benchmarks only measure the links it makes.
os.environ.setdefault("PORTFOLIO_SITE_URL", "http://127.0.0.1:8000")

from portfolio.settings import *  # noqa: E402, F403

ROOT_URLCONF = "bench.urls"
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
