"""Test settings: the production settings with two swaps that only tests need."""

import os
import tempfile
from pathlib import Path

os.environ.setdefault("DJANGO_SECRET_KEY", "tests-only-" + "x" * 50)
# The test client's own host, so that absolute URLs in tests are ones it can request.
os.environ.setdefault("PORTFOLIO_SITE_URL", "http://testserver")

from .settings import *  # noqa: E402, F403

# live_server serves /static/ through the app finders, which cannot resolve the
# manifest storage's hashed names.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
# Live-server request threads must not keep connections open past their request, or
# PostgreSQL refuses to drop the test database at the end of the run.
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405
# Each run's exports in a folder of its own, not in the checkout's data/.
PORTFOLIO_EXPORT_DIR = Path(tempfile.mkdtemp(prefix="portfolio-test-exports-"))
# Page caching is tested on its own (tests/test_cache.py, with a real cache); elsewhere a
# factory that writes rows without bumping the data version would see cached pages.
CACHES = {
    **CACHES,  # noqa: F405
    "default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
}
