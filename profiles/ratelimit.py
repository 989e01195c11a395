"""The admin login's limit on password guessing.

Failed logins are counted per username and per client address in the "ratelimit" cache.
After PORTFOLIO_LOGIN_FAILURE_LIMIT failures under either within PORTFOLIO_LOGIN_FAILURE_WINDOW
seconds, attempts under it are refused, without checking the password, until the oldest of
those failures is a window old.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import caches

clock = time.time  # tests set the time here


def login_keys(request, username):
    """The counters of a login attempt: its username's first, then its address's."""
    return [_key("user", username.strip().casefold()), _key("address", client_address(request))]


def client_address(request):
    if settings.PORTFOLIO_BEHIND_PROXY:
        # Our proxy appends the address it saw: earlier entries are the client's to invent.
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")[-1].strip()
        if forwarded:
            return forwarded
    return request.META.get("REMOTE_ADDR", "")


def seconds_locked(keys):
    """How long until attempts under all of keys are allowed again: 0 when they are now."""
    now, limit, window = clock(), *_limits()
    waits = [0.0]
    for failures in caches["ratelimit"].get_many(keys).values():
        recent = [moment for moment in failures if moment > now - window]
        if len(recent) >= limit:
            waits.append(recent[-limit] + window - now)
    return max(waits)


def record_failure(keys):
    # Read, then write: parallel failures may overwrite each other, which lets through at most
    # one more attempt per request served at the same time.
    now, limit, window = clock(), *_limits()
    cache = caches["ratelimit"]
    stored = cache.get_many(keys)
    updated = {
        key: [*(moment for moment in stored.get(key, []) if moment > now - window), now][-limit:]
        for key in keys
    }
    cache.set_many(updated, timeout=window)


def forget(keys):
    caches["ratelimit"].delete_many(keys)


def _limits():
    return settings.PORTFOLIO_LOGIN_FAILURE_LIMIT, settings.PORTFOLIO_LOGIN_FAILURE_WINDOW


def _key(kind, value):
    return f"login-failures:{kind}:{hashlib.sha256(value.encode()).hexdigest()}"
