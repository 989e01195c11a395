"""PORTFOLIO_SITE_URL, the one origin of absolute URLs, and the debug guard on runserver's
address. Each test starts Python in a subprocess, as tests/test_settings.py does."""

import pytest

from tests.test_settings import PRODUCTION, error_of, manage, python, setting


def settings_under(tmp_path, argv, **env):
    """Import the settings as `manage.py ARGV...` would, without running the command."""
    code = f"import sys; sys.argv = {argv!r}; import portfolio.settings as s; print(s.PORTFOLIO_SITE_URL)"
    return python(tmp_path, "-c", code, **env)


def test_the_site_url_is_required_without_debug(tmp_path):
    env = {name: value for name, value in PRODUCTION.items() if name != "PORTFOLIO_SITE_URL"}
    error = error_of(manage(tmp_path, "check", **env))

    assert error.startswith("configuration error: PORTFOLIO_SITE_URL must be set when DJANGO_DEBUG")


def test_the_deploy_check_passes_with_a_site_url(tmp_path):
    env = PRODUCTION | {"PORTFOLIO_SITE_URL": "https://portfolio.example.org"}
    result = manage(tmp_path, "check", "--deploy", "--fail-level", "WARNING", **env)

    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("https://portfolio.example.org", "https://portfolio.example.org"),
        (" https://portfolio.example.org/ ", "https://portfolio.example.org"),
        ("http://127.0.0.1:8080", "http://127.0.0.1:8080"),
    ],
)
def test_the_site_url_is_an_origin(tmp_path, value, expected):
    env = PRODUCTION | {"PORTFOLIO_SITE_URL": value}

    assert setting(tmp_path, "PORTFOLIO_SITE_URL", **env) == expected


@pytest.mark.parametrize(
    "value",
    [
        "portfolio.example.org",
        "ftp://portfolio.example.org",
        "https://portfolio.example.org/portfolio/",
        "https://portfolio.example.org?x=1",
        "https://user:pass@portfolio.example.org",
        "https://portfolio.example.org:port",
        "https://",
    ],
)
def test_a_site_url_that_is_not_an_origin_is_refused(tmp_path, value):
    env = PRODUCTION | {"PORTFOLIO_SITE_URL": value}
    error = error_of(manage(tmp_path, "check", **env))

    assert error.startswith(f"configuration error: PORTFOLIO_SITE_URL={value.strip()!r} is not")


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["manage.py", "check"], "http://127.0.0.1:8000"),
        (["manage.py", "runserver"], "http://127.0.0.1:8000"),
        (["manage.py", "runserver", "9000"], "http://127.0.0.1:9000"),
        (["manage.py", "runserver", "localhost:9001", "--noreload"], "http://localhost:9001"),
        (["manage.py", "runserver", "-6", "9002"], "http://[::1]:9002"),
        (
            ["manage.py", "runserver", "--settings", "portfolio.settings", "[::1]:9003"],
            "http://[::1]:9003",
        ),
    ],
)
def test_under_debug_the_site_url_is_where_runserver_listens(tmp_path, argv, expected):
    result = settings_under(tmp_path, argv, DJANGO_DEBUG="1")

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == expected


@pytest.mark.parametrize(
    "address", ["0.0.0.0:8000", "0:8000", "[::]:8000", "192.0.2.7:8000", "example.org:80"]
)
def test_debug_is_refused_when_runserver_listens_beyond_loopback(tmp_path, address):
    result = settings_under(tmp_path, ["manage.py", "runserver", address], DJANGO_DEBUG="1")

    assert result.returncode != 0
    assert (
        "DJANGO_DEBUG=1 is for local development only, but runserver would listen on"
        in result.stderr
    )


def test_without_debug_runserver_may_listen_anywhere(tmp_path):
    env = PRODUCTION | {"PORTFOLIO_SITE_URL": "https://portfolio.example.org"}
    result = settings_under(tmp_path, ["manage.py", "runserver", "0.0.0.0:8000"], **env)

    assert result.returncode == 0, result.stderr
