"""The admin login's limit on guessing, counted in the database that every app server process
shares: usernames are locked, addresses only slowed down."""

import pytest
from django.contrib.auth import forms as auth_forms
from django.contrib.auth.models import User
from django.core.cache import caches
from django.test import Client, RequestFactory
from django.urls import reverse

from profiles import ratelimit
from profiles.models import LoginFailure

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery-42"
OFFICE = "203.0.113.9"


@pytest.fixture
def users():
    return [User.objects.create_superuser(name, password=PASSWORD) for name in ("root", "alice")]


@pytest.fixture
def clock(monkeypatch):
    now = [1_800_000_000.0]
    monkeypatch.setattr(ratelimit, "clock", lambda: now[0])
    return now


@pytest.fixture
def checked(monkeypatch):
    """The usernames whose passwords were checked, in order."""
    names = []
    authenticate = auth_forms.authenticate

    def counting(request=None, **credentials):
        names.append(credentials.get("username"))
        return authenticate(request, **credentials)

    monkeypatch.setattr(auth_forms, "authenticate", counting)
    return names


def log_in(username, password, address=OFFICE):
    """A fresh browser's attempt from `address`: whether it got in, and the page."""
    response = Client(REMOTE_ADDR=address).post(
        reverse("admin:login"), {"username": username, "password": password, "next": "/admin/"}
    )
    return response.status_code == 302, response.content.decode()


def another_worker():
    """A request served by another process: it shares the database, not this one's caches."""
    for cache in caches.all():
        cache.clear()


def test_failures_count_across_worker_processes(users, clock, checked):
    for n in range(5):
        another_worker()
        assert not log_in("root", "guess", f"192.0.2.{n}")[0]
    another_worker()

    ok, page = log_in("root", PASSWORD, "198.51.100.7")

    assert not ok and "Too many failed attempts to log in. Try again in 15 minutes." in page
    assert checked == ["root"] * 5  # the sixth password was not checked
    assert LoginFailure.objects.count() == 10  # each failure, under the username and address


def test_a_username_is_locked_after_five_failures_from_anywhere(users, clock):
    for n in range(4):
        log_in("root", "guess", f"192.0.2.{n}")
    assert log_in("ROOT ", "guess", OFFICE)[0] is False

    assert not log_in("root", PASSWORD, "198.51.100.7")[0]
    assert log_in("alice", PASSWORD, "198.51.100.7")[0]


def test_others_log_in_from_the_address_where_root_was_locked(users, clock):
    for _ in range(5):
        log_in("root", "guess")
    assert "Too many failed attempts to log in." in log_in("root", PASSWORD)[1]

    assert log_in("alice", PASSWORD)[0]


def test_an_address_with_many_failures_is_slowed_down_not_shut(users, clock, checked):
    for name in ("ann", "ben", "cat", "dan", "eve"):
        log_in(name, "guess")
    log_in("fay", "guess")  # one more than a username may have: one second to wait

    ok, page = log_in("alice", PASSWORD)
    assert not ok and "from your network. Try again in 1 second." in page
    clock[0] += 1
    assert log_in("alice", PASSWORD)[0]
    assert log_in("root", PASSWORD, "198.51.100.7")[0]  # from elsewhere, not slowed at all
    assert checked.count("alice") == 1


def test_each_further_failure_from_an_address_doubles_the_wait(users, clock):
    for n in range(5):
        log_in(f"user{n}", "guess")
    waits = []
    for n in range(5, 10):
        log_in(f"user{n}", "guess")
        waits.append(log_in("alice", PASSWORD)[1].split("Try again in ")[1].split(".")[0])
        clock[0] += 2 ** (n - 5)

    assert waits == ["1 second", "2 seconds", "4 seconds", "8 seconds", "16 seconds"]
    assert log_in("alice", PASSWORD)[0]


def test_attempts_being_checked_at_once_count_each_other(users, clock):
    request = RequestFactory().post("/", REMOTE_ADDR=OFFICE)
    # Five attempts whose passwords are still being checked: none has failed yet.
    running = [ratelimit.Attempt(request, "root") for _ in range(5)]

    assert all(attempt.refusal is None for attempt in running)
    assert ratelimit.Attempt(request, "root").refusal.by_address is False


def test_attempts_refused_while_locked_do_not_prolong_the_lock(users, clock):
    for _ in range(5):
        log_in("root", "guess")
    for _ in range(20):
        clock[0] += 30
        log_in("root", "guess", "198.51.100.7")

    clock[0] += 15 * 60 - 20 * 30
    assert log_in("root", PASSWORD, "198.51.100.7")[0]


def test_failures_a_window_old_are_deleted(users, clock):
    log_in("root", "guess")
    clock[0] += 15 * 60

    log_in("alice", "guess", "198.51.100.7")

    assert LoginFailure.objects.count() == 2  # alice's, under her username and address


def test_a_success_forgets_the_username_but_not_the_address(users, clock):
    for _ in range(4):
        log_in("root", "guess")

    assert log_in("root", PASSWORD)[0]

    user_key, address_key = ratelimit.login_keys(
        RequestFactory().get("/", REMOTE_ADDR=OFFICE), "root"
    )
    assert not LoginFailure.objects.filter(key=user_key).exists()
    assert LoginFailure.objects.filter(key=address_key).count() == 4
