#!/usr/bin/env python
import os
import secrets
import sys


def is_preview(argv):
    """`manage.py import_portfolios --dry-run ...`: parses files and prints JSON, nothing else."""
    return len(argv) > 1 and argv[1] == "import_portfolios" and "--dry-run" in argv[2:]


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portfolio.settings")
    if is_preview(sys.argv) and not os.environ.get("DJANGO_SECRET_KEY"):
        # The settings refuse to start without a key, so that no server runs with a guessable
        # one. The preview signs nothing and touches no database, and ../shared/IMPORT_JSON.md
        # runs it with no configuration: a key made up for this process alone is enough.
        os.environ["DJANGO_SECRET_KEY"] = secrets.token_urlsafe(50)
    if is_preview(sys.argv):
        # Nor does it write an absolute URL, which the settings otherwise require a site for.
        os.environ.setdefault("PORTFOLIO_SITE_URL", "http://localhost")
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        execute_from_command_line(sys.argv)
    except ImproperlyConfigured as error:
        # A misconfigured environment is the operator's to fix: one line, no traceback.
        sys.exit(f"configuration error: {error}")


if __name__ == "__main__":
    main()
