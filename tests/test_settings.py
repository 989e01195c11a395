"""The settings read the environment and fail fast on a bad one.

Each test runs manage.py in a subprocess, because settings are read once per process.
"""

import ast
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

PRODUCTION = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
    "DJANGO_ALLOWED_HOSTS": "example.org",
    "DJANGO_SECURE_SSL_REDIRECT": "1",
    "DJANGO_SECURE_COOKIES": "1",
    "DJANGO_HSTS_SECONDS": "31536000",
    "DJANGO_HSTS_INCLUDE_SUBDOMAINS": "1",
    "DJANGO_HSTS_PRELOAD": "1",
    "PORTFOLIO_SITE_URL": "https://example.org",
}


def python(tmp_path, *args, **env):
    """Run Python in the project with only `env` set of the variables the settings read."""
    clean = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("DJANGO_", "DATABASE_", "PORTFOLIO_"))
    }
    clean |= {"DJANGO_SETTINGS_MODULE": "portfolio.settings", "PORTFOLIO_DATA_DIR": str(tmp_path)}
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env=clean | env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def manage(tmp_path, *args, **env):
    return python(tmp_path, "manage.py", *args, **env)


def error_of(result):
    """The one line a failed start prints: no traceback for a configuration error."""
    assert result.returncode != 0, result.stdout
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def setting(tmp_path, name, **env):
    # Importing the module is enough to read a value, and is much faster than manage.py shell.
    result = python(tmp_path, "-c", f"import portfolio.settings as s; print(repr(s.{name}))", **env)
    assert result.returncode == 0, result.stderr
    return ast.literal_eval(result.stdout.strip())


@pytest.mark.parametrize(
    "url", ["nonsense://x", "postgres://", "postgres://app@127.0.0.1:5432/", "postgres://h:port/db"]
)
def test_bad_database_url_is_refused_with_a_clear_message(tmp_path, url):
    error = error_of(manage(tmp_path, "check", DJANGO_DEBUG="1", DATABASE_URL=url))

    assert error.startswith("configuration error: DATABASE_URL ")


def test_database_url_is_used(tmp_path):
    url = "postgres://app:secret@db.example.org:5433/portfolio"
    database = setting(tmp_path, "DATABASES['default']", DJANGO_DEBUG="1", DATABASE_URL=url)

    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert (database["HOST"], database["PORT"], database["NAME"]) == (
        "db.example.org",
        5433,
        "portfolio",
    )


@pytest.mark.parametrize("debug", [{"DJANGO_DEBUG": "0"}, {}], ids=["debug-off", "debug-unset"])
def test_secret_key_is_required_without_debug(tmp_path, debug):
    error = error_of(manage(tmp_path, "check", **debug))

    assert "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off" in error


def test_debug_must_be_a_boolean(tmp_path):
    error = error_of(manage(tmp_path, "check", DJANGO_DEBUG="maybe"))

    assert error.endswith("DJANGO_DEBUG='maybe' is not a boolean (use 1 or 0).")


def test_deploy_check_passes_with_production_environment(tmp_path):
    result = manage(tmp_path, "check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)

    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_deploy_check_fails_without_hsts(tmp_path):
    env = {name: value for name, value in PRODUCTION.items() if "HSTS" not in name}
    result = manage(tmp_path, "check", "--deploy", "--fail-level", "WARNING", **env)

    assert result.returncode == 1
    assert "security.W004" in result.stderr


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("example.org", ["example.org"]),
        (" example.org, www.example.org ,", ["example.org", "www.example.org"]),
        ("", []),
    ],
)
def test_allowed_hosts_are_a_comma_separated_list(tmp_path, value, expected):
    env = {name: PRODUCTION[name] for name in ("DJANGO_SECRET_KEY", "PORTFOLIO_SITE_URL")}
    env["DJANGO_ALLOWED_HOSTS"] = value
    hosts = setting(tmp_path, "ALLOWED_HOSTS", **env)

    assert hosts == expected


def test_allowed_hosts_default_to_loopback(tmp_path):
    hosts = setting(tmp_path, "ALLOWED_HOSTS", DJANGO_DEBUG="1")

    assert hosts == ["localhost", "127.0.0.1", "[::1]"]


@pytest.mark.parametrize("hosts", ["example.org", "*", "localhost,portfolio.example.org"])
def test_debug_is_refused_for_a_public_host(tmp_path, hosts):
    error = error_of(manage(tmp_path, "check", DJANGO_DEBUG="1", DJANGO_ALLOWED_HOSTS=hosts))

    assert error.startswith("configuration error: DJANGO_DEBUG=1 is for local development only")
    assert "turn debug off" in error


def test_debug_is_allowed_on_loopback_hosts(tmp_path):
    result = manage(tmp_path, "check", DJANGO_DEBUG="1", DJANGO_ALLOWED_HOSTS="localhost,[::1]")

    assert result.returncode == 0, result.stderr


def test_the_login_rate_limit_settings(tmp_path):
    env = {
        "DJANGO_DEBUG": "1",
        "PORTFOLIO_LOGIN_FAILURE_LIMIT": "3",
        "PORTFOLIO_LOGIN_FAILURE_WINDOW": "600",
    }

    assert setting(tmp_path, "PORTFOLIO_LOGIN_FAILURE_LIMIT", **env) == 3
    assert setting(tmp_path, "PORTFOLIO_LOGIN_FAILURE_WINDOW", **env) == 600


def test_the_login_rate_limit_cannot_be_turned_off_by_zero(tmp_path):
    error = error_of(manage(tmp_path, "check", DJANGO_DEBUG="1", PORTFOLIO_LOGIN_FAILURE_LIMIT="0"))

    assert "PORTFOLIO_LOGIN_FAILURE_LIMIT and PORTFOLIO_LOGIN_FAILURE_WINDOW must be" in error
