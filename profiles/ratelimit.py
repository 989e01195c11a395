"""The admin login's limit on password guessing.

Failed logins are counted per username and per client address in the database (LoginFailure),
which every app server process shares. An attempt is written down as a failure before its
password is checked, and withdrawn if it turns out not to be one, so that attempts made at the
same time count each other.

- A username with PORTFOLIO_LOGIN_FAILURE_LIMIT failures within PORTFOLIO_LOGIN_FAILURE_WINDOW
  seconds is locked: attempts under it are refused, without checking the password, until the
  oldest of those failures is a window old.
- An address is slowed down instead, as the users of a whole office or VPN may share it: past
  the same number of failures, each one more makes attempts from it wait after it, twice as
  long as after the one before (1 s, 2 s, 4 s ...), up to MAX_ADDRESS_DELAY.
"""

import hashlib
import time
from dataclasses import dataclass
from datetime import UTC, datetime

from django.conf import settings

from profiles.models import LoginFailure

clock = time.time  # tests set the time here

MAX_ADDRESS_DELAY = 5 * 60


@dataclass(frozen=True)
class Refusal:
    wait: float  # seconds
    by_address: bool  # slowed down for its address, rather than locked for its username


class Attempt:
    """One login attempt, a failure until succeeded() says otherwise."""

    def __init__(self, request, username):
        self.user_key, self.address_key = login_keys(request, username)
        now = clock()
        LoginFailure.objects.filter(at__lte=_moment(now - _limits()[1])).delete()
        self.rows = [
            LoginFailure.objects.create(key=key, at=_moment(now))
            for key in (self.user_key, self.address_key)
        ]
        self.refusal = self._refusal(now)
        if self.refusal:
            # It checks no password, so it is no failure: a locked username stays locked for
            # a window after its last real guess, however often it is tried.
            self._withdraw()

    def succeeded(self):
        """Forget the username's failures, but not the address's: one valid account would
        otherwise reset the count for guessing at the others."""
        LoginFailure.objects.filter(key=self.user_key).delete()
        self._withdraw()

    def _withdraw(self):
        LoginFailure.objects.filter(pk__in=[row.pk for row in self.rows]).delete()

    def _refusal(self, now):
        limit, window = _limits()
        # Others' attempts being checked at this moment count, so that parallel guesses cannot
        # all pass before the first of them fails.
        earlier = LoginFailure.objects.filter(at__gt=_moment(now - window)).exclude(
            pk__in=[row.pk for row in self.rows]
        )
        refusals = []
        user = _timestamps(earlier.filter(key=self.user_key))
        if len(user) >= limit:
            refusals.append(Refusal(user[-limit] + window - now, by_address=False))
        address = _timestamps(earlier.filter(key=self.address_key))
        if len(address) > limit:
            delay = min(2 ** (len(address) - limit - 1), MAX_ADDRESS_DELAY, window)
            refusals.append(Refusal(address[-1] + delay - now, by_address=True))
        return max((r for r in refusals if r.wait > 0), key=lambda r: r.wait, default=None)


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


def _limits():
    return settings.PORTFOLIO_LOGIN_FAILURE_LIMIT, settings.PORTFOLIO_LOGIN_FAILURE_WINDOW


def _key(kind, value):
    return f"{kind}:{hashlib.sha256(value.encode()).hexdigest()}"


def _moment(timestamp):
    return datetime.fromtimestamp(timestamp, UTC)


def _timestamps(failures):
    return [moment.timestamp() for moment in failures.order_by("at").values_list("at", flat=True)]
