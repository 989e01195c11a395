import os
from pathlib import Path

import pytest

# Playwright's sync API keeps an event loop running in the main thread, and Django then refuses
# sync ORM calls (SynchronousOnlyOperation) in test setup and test bodies.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ROOT = Path(__file__).resolve().parent.parent

# Playwright adds most of these itself; the rest keep Chromium quiet and off the network.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--disable-default-apps",
    "--disable-extensions",
]

VIEWPORTS = {"desktop": (1280, 800), "phone": (390, 844)}


def pytest_report_header(config):
    from django.db import connection

    return f"database: {connection.vendor} {connection.settings_dict['NAME']}"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    # Debian's Chromium: `playwright install` would download a build of its own, which fails here.
    return {
        **browser_type_launch_args,
        "executable_path": os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"),
        "args": CHROMIUM_ARGS,
    }


@pytest.fixture
def screenshot():
    """Save full-page PNGs of a page at each width: screenshot(page, "home") -> home-phone.png."""
    out = Path(os.environ.get("E2E_ARTIFACTS", ROOT / "test-output" / "screenshots"))
    out.mkdir(parents=True, exist_ok=True)

    def take(page, name):
        original = page.viewport_size
        for label, (width, height) in VIEWPORTS.items():
            page.set_viewport_size({"width": width, "height": height})
            page.screenshot(path=out / f"{name}-{label}.png", full_page=True)
        if original:
            page.set_viewport_size(original)

    return take


@pytest.fixture(scope="session", autouse=True)
def _end_stray_sessions(django_db_setup, django_db_blocker):
    """End sessions the live server leaves behind, so the test database can be dropped.

    The live server answers requests in daemon threads that are never joined, and after the
    browser tests one of them still holds an idle session (last statement: ROLLBACK) at the
    end of the run; PostgreSQL refuses to drop a database with sessions in it.
    """
    yield
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
