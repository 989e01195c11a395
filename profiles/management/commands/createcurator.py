"""python manage.py createcurator USERNAME [--email E] [--noinput]"""

import getpass
import os

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from profiles.permissions import CURATORS, ensure_curators_group

PASSWORD_VARIABLE = "DJANGO_CURATOR_PASSWORD"


class Command(BaseCommand):
    help = (
        f"Create a staff user in the {CURATORS} group: they may view, add and change portfolio "
        "records in the admin, but not manage users. The password is asked for, or with "
        f"--noinput read from {PASSWORD_VARIABLE}."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--email", default="")
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help=f"Do not prompt; the password comes from {PASSWORD_VARIABLE}.",
        )

    def handle(self, *args, username, email, interactive, **options):
        User = get_user_model()
        if User._default_manager.filter(username=username).exists():
            raise CommandError(f"{username}: a user with this name already exists")
        user = User(username=username, email=email, is_staff=True)
        password = self.ask_password(user) if interactive else self.password_from_env(user)
        user.set_password(password)
        with transaction.atomic():
            user.save()
            # The migrations made the group; this puts it back if it was deleted since.
            user.groups.add(ensure_curators_group(apps))
        if options["verbosity"] >= 1:
            self.stdout.write(f"Curator {username} created.")

    def password_from_env(self, user):
        password = os.environ.get(PASSWORD_VARIABLE, "")
        if not password:
            raise CommandError(f"--noinput needs the password in {PASSWORD_VARIABLE}")
        self.check_password(password, user, fail=CommandError)
        return password

    def ask_password(self, user):
        while True:
            password = getpass.getpass("Password: ")
            if password != getpass.getpass("Password (again): "):
                self.stderr.write("Error: the two passwords didn't match.")
                continue
            if not password.strip():
                self.stderr.write("Error: a blank password isn't allowed.")
                continue
            try:
                self.check_password(password, user, fail=ValidationError)
            except ValidationError as exc:
                self.stderr.write("\n".join(exc.messages))
                continue
            return password

    def check_password(self, password, user, *, fail):
        try:
            validate_password(password, user)
        except ValidationError as exc:
            raise fail(" ".join(exc.messages)) from None
