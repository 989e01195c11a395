"""The product's settings plus a trivial view (the framework's floor) for `make bench`."""

from portfolio.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
