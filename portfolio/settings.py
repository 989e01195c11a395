"""Settings for the portfolio site, read from the environment.

Local use needs nothing set: SQLite under data/, debug off unless DJANGO_DEBUG=1.
Production sets DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS, PORTFOLIO_SITE_URL and DATABASE_URL;
see README.
"""

import argparse
import ipaddress
import os
import sys
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(os.environ.get("PORTFOLIO_DATA_DIR", BASE_DIR / "data"))

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off", ""}


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    if value.strip().lower() in TRUE_WORDS:
        return True
    if value.strip().lower() in FALSE_WORDS:
        return False
    raise ImproperlyConfigured(f"{name}={value!r} is not a boolean (use 1 or 0).")


def env_int(name, default):
    value = os.environ.get(name)
    if value is None or not value.strip():
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r} is not a whole number.") from None


def env_list(name, default):
    value = os.environ.get(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def database_from_env():
    url = os.environ.get("DATABASE_URL", "").strip()
    if not url:
        DATA_DIR.mkdir(parents=True, exist_ok=True)
        return {"ENGINE": "django.db.backends.sqlite3", "NAME": DATA_DIR / "portfolio.sqlite3"}
    scheme = url.partition("://")[0]
    if scheme not in dj_database_url.ENGINE_SCHEMES:
        raise ImproperlyConfigured(
            f"DATABASE_URL has an unknown scheme {scheme!r} (use postgres://... or sqlite:///...)."
        )
    try:
        config = dj_database_url.parse(url, conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60))
    except Exception as exc:  # dj-database-url raises several types for malformed URLs
        raise ImproperlyConfigured(f"DATABASE_URL is not a usable database URL: {exc}") from None
    if not config.get("ENGINE") or not config.get("NAME"):
        raise ImproperlyConfigured("DATABASE_URL is not a usable database URL: no database name.")
    return config


def cache_from_env(name="DJANGO_CACHE_URL", location="portfolio"):
    """A cache from a URL: locmem:// (the default), db://TABLE, redis://HOST:PORT/DB or dummy://.

    Pages are cached per data version, so any shared backend keeps several app servers
    consistent; dummy:// turns a cache off.
    """
    url = os.environ.get(name, "").strip() or "locmem://"
    scheme, _, rest = url.partition("://")
    backends = {
        "locmem": ("django.core.cache.backends.locmem.LocMemCache", rest or location),
        "db": ("django.core.cache.backends.db.DatabaseCache", rest or "portfolio_cache"),
        "redis": ("django.core.cache.backends.redis.RedisCache", url),
        "rediss": ("django.core.cache.backends.redis.RedisCache", url),
        "dummy": ("django.core.cache.backends.dummy.DummyCache", ""),
    }
    if scheme not in backends:
        raise ImproperlyConfigured(
            f"{name} has an unknown scheme {scheme!r} "
            "(use locmem://, db://TABLE, redis://HOST:PORT/DB or dummy://)."
        )
    backend, location = backends[scheme]
    return {"BACKEND": backend, "LOCATION": location, "TIMEOUT": 3600}


def runserver_address(argv):
    """(host, port) that `manage.py runserver [ADDR:]PORT` will listen on; None for any other
    command. A WSGI server's address cannot be read this cheaply (gunicorn takes it from
    options, GUNICORN_CMD_ARGS or a config file), so only runserver's is checked."""
    if argv[1:2] != ["runserver"]:
        return None
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("addrport", nargs="?", default="")
    parser.add_argument("-6", "--ipv6", action="store_true")
    # runserver's options that take a value, lest the value be read as the address
    for names in (["--settings"], ["--pythonpath"], ["-v", "--verbosity"]):
        parser.add_argument(*names)
    options, _ = parser.parse_known_args(argv[2:])
    host, _, port = options.addrport.rpartition(":")
    host = host.removeprefix("[").removesuffix("]")
    default = "::1" if options.ipv6 else "127.0.0.1"
    return {"": default, "0": "0.0.0.0"}.get(host, host), port or "8000"


def is_loopback(host):
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False  # any other name may resolve to a public address


def site_url_from_env(debug, argv):
    """The origin of every absolute URL the site writes: sitemaps, robots.txt, canonical links,
    JSON-LD, exports. Never the request's Host, which the client chooses: a page cached with
    it would send every later visitor wherever the first one said."""
    value = os.environ.get("PORTFOLIO_SITE_URL", "").strip()
    if not value and debug:
        host, port = runserver_address(argv) or ("127.0.0.1", "8000")
        return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"
    if not value:
        raise ImproperlyConfigured(
            "PORTFOLIO_SITE_URL must be set when DJANGO_DEBUG is off: the site's origin, which "
            "sitemaps, robots.txt and canonical links use, e.g. https://portfolio.example.org."
        )
    parts = urlsplit(value)
    try:
        origin = parts.port != 0
    except ValueError:  # a port that is not a number
        origin = False
    origin = (
        origin
        and parts.scheme in ("http", "https")
        and bool(parts.hostname)
        and parts.username is None
        and parts.path in ("", "/")
        and not parts.query
        and not parts.fragment
    )
    if not origin:
        raise ImproperlyConfigured(
            f"PORTFOLIO_SITE_URL={value!r} is not a site origin "
            "(use https://HOST or https://HOST:PORT, with no path)."
        )
    return f"{parts.scheme}://{parts.netloc}"


DEBUG = env_bool("DJANGO_DEBUG", False)
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off "
            "(for local use, `make run` sets DJANGO_DEBUG=1)."
        )
    SECRET_KEY = "django-insecure-local-development-only"

LOOPBACK_HOSTS = ["localhost", "127.0.0.1", "[::1]"]
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", LOOPBACK_HOSTS)
if DEBUG and not set(ALLOWED_HOSTS) <= set(LOOPBACK_HOSTS):
    # Debug pages show tracebacks, settings and SQL to whoever can reach the site.
    raise ImproperlyConfigured(
        "DJANGO_DEBUG=1 is for local development only, but DJANGO_ALLOWED_HOSTS names "
        f"{', '.join(sorted(set(ALLOWED_HOSTS) - set(LOOPBACK_HOSTS)))}: turn debug off, or "
        "allow only localhost, 127.0.0.1 and [::1]."
    )
# The host names a request may give say nothing about who can reach the server: runserver
# on 0.0.0.0 answers the whole network whatever ALLOWED_HOSTS holds.
listening = runserver_address(sys.argv)
if DEBUG and listening and not is_loopback(listening[0]):
    raise ImproperlyConfigured(
        "DJANGO_DEBUG=1 is for local development only, but runserver would listen on "
        f"{listening[0]}: turn debug off, or listen on 127.0.0.1 (as `make run` does)."
    )
PORTFOLIO_SITE_URL = site_url_from_env(DEBUG, sys.argv)
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_filters",
    "profiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "portfolio.urls"
WSGI_APPLICATION = "portfolio.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {"default": database_from_env()}
CACHES = {"default": cache_from_env()}
# Larger pages are rendered for each request instead (profiles/caching.py), so that a few huge
# pages cannot take the whole cache.
PORTFOLIO_PAGE_CACHE_MAX_BYTES = env_int("PORTFOLIO_PAGE_CACHE_MAX_BYTES", 1024 * 1024)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Mail is only used for admin password resets; production configures SMTP by environment.
MAILERS = {
    "default": {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {
            "host": os.environ.get("DJANGO_EMAIL_HOST", "localhost"),
            "port": env_int("DJANGO_EMAIL_PORT", 25),
        },
    }
}

# Security headers. The TLS-dependent ones are opt-in by environment so that plain-http
# local use keeps working; README lists them for deployments behind TLS.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", False)
SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", False)
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
PORTFOLIO_BEHIND_PROXY = env_bool("DJANGO_BEHIND_TLS_PROXY", False)
if PORTFOLIO_BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Admin login: this many failures for one username within the window (seconds) lock it until
# the window has passed; from one address, they slow its further attempts down instead, so
# that one guesser cannot lock out everyone behind the same address. Failures are rows in the
# database, shared by every app server process (profiles/ratelimit.py).
PORTFOLIO_LOGIN_FAILURE_LIMIT = env_int("PORTFOLIO_LOGIN_FAILURE_LIMIT", 5)
PORTFOLIO_LOGIN_FAILURE_WINDOW = env_int("PORTFOLIO_LOGIN_FAILURE_WINDOW", 15 * 60)
if PORTFOLIO_LOGIN_FAILURE_LIMIT < 1 or PORTFOLIO_LOGIN_FAILURE_WINDOW < 1:
    raise ImproperlyConfigured(
        "PORTFOLIO_LOGIN_FAILURE_LIMIT and PORTFOLIO_LOGIN_FAILURE_WINDOW must be at least 1."
    )

# Whole-site exports (profiles/throttle.py): built once per data version into files here (local
# disk, writable by every worker), at most this many at once per server, and this many per
# client address per window (seconds); past either the answer is 429.
PORTFOLIO_EXPORT_DIR = Path(os.environ.get("PORTFOLIO_EXPORT_DIR") or DATA_DIR / "exports")
PORTFOLIO_EXPORT_CONCURRENCY = env_int("PORTFOLIO_EXPORT_CONCURRENCY", 1)
PORTFOLIO_EXPORT_RATE_LIMIT = env_int("PORTFOLIO_EXPORT_RATE_LIMIT", 10)
PORTFOLIO_EXPORT_RATE_WINDOW = env_int("PORTFOLIO_EXPORT_RATE_WINDOW", 60)
if min(PORTFOLIO_EXPORT_CONCURRENCY, PORTFOLIO_EXPORT_RATE_LIMIT, PORTFOLIO_EXPORT_RATE_WINDOW) < 1:
    raise ImproperlyConfigured(
        "PORTFOLIO_EXPORT_CONCURRENCY, PORTFOLIO_EXPORT_RATE_LIMIT and "
        "PORTFOLIO_EXPORT_RATE_WINDOW must be at least 1."
    )

# After the admin login, a `next` that is not on this site leads to the admin's index.
LOGIN_REDIRECT_URL = "admin:index"

SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
}

# Largest document the importer accepts, in bytes (see README: importing).
PORTFOLIO_MAX_DOCUMENT_BYTES = env_int("PORTFOLIO_MAX_DOCUMENT_BYTES", 2 * 1024 * 1024)
