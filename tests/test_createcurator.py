"""createcurator and the Curators group the migrations create."""

from importlib import import_module

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery-42"


def test_noinput_takes_the_password_from_the_environment(monkeypatch):
    monkeypatch.setenv("DJANGO_CURATOR_PASSWORD", PASSWORD)

    call_command("createcurator", "ada", "--noinput", "--email", "ada@example.org", verbosity=0)

    user = User.objects.get(username="ada")
    assert user.is_staff and not user.is_superuser
    assert user.check_password(PASSWORD)
    assert list(user.groups.values_list("name", flat=True)) == ["Curators"]
    assert user.has_perm("profiles.change_person") and user.has_perm("profiles.add_sourcedocument")
    assert not user.has_perm("auth.view_user") and not user.has_perm("auth.change_group")


def test_noinput_without_a_password_fails(monkeypatch):
    monkeypatch.delenv("DJANGO_CURATOR_PASSWORD", raising=False)

    with pytest.raises(CommandError, match="DJANGO_CURATOR_PASSWORD"):
        call_command("createcurator", "ada", "--noinput")
    assert not User.objects.exists()


def test_a_weak_password_is_refused(monkeypatch):
    monkeypatch.setenv("DJANGO_CURATOR_PASSWORD", "12345678")

    with pytest.raises(CommandError, match="too common|entirely numeric"):
        call_command("createcurator", "ada", "--noinput")
    assert not User.objects.exists()


def test_an_existing_username_is_refused(monkeypatch):
    monkeypatch.setenv("DJANGO_CURATOR_PASSWORD", PASSWORD)
    User.objects.create_user("ada")

    with pytest.raises(CommandError, match="already exists"):
        call_command("createcurator", "ada", "--noinput")


def test_the_prompt_asks_twice_until_the_passwords_match(monkeypatch):
    answers = iter(["one-password-42", "another-password-42", PASSWORD, PASSWORD])
    monkeypatch.setattr("getpass.getpass", lambda prompt: next(answers))

    call_command("createcurator", "ada", verbosity=0)

    assert User.objects.get(username="ada").check_password(PASSWORD)


def test_the_data_migration_grants_view_add_and_change_of_portfolio_models_only():
    # Run the migration's function again rather than trust the group the test database was
    # migrated with: browser tests flush the database, and it goes with them.
    Group.objects.filter(name="Curators").delete()
    state = MigrationExecutor(connection).loader.project_state(("profiles", "0004_curators_group"))
    import_module("profiles.migrations.0004_curators_group").create_curators(state.apps, None)

    codenames = set(
        Group.objects.get(name="Curators").permissions.values_list("codename", flat=True)
    )

    assert {"view_person", "add_person", "change_person", "change_sourcedocument"} <= codenames
    assert {"change_organizationalias", "view_paperalias"} <= codenames
    assert not {c for c in codenames if c.startswith("delete_")}
    assert not {c for c in codenames if c.endswith(("_user", "_group", "_permission"))}


def test_a_deleted_group_is_made_again(monkeypatch):
    Group.objects.filter(name="Curators").delete()
    monkeypatch.setenv("DJANGO_CURATOR_PASSWORD", PASSWORD)

    call_command("createcurator", "ada", "--noinput", verbosity=0)

    assert User.objects.get(username="ada").has_perm("profiles.change_paper")
