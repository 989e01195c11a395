"""python manage.py export_portfolios DIR"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from profiles import exports
from profiles.models import Person


class Command(BaseCommand):
    help = (
        "Write every person as DIR/<slug>.json, in the import preview format (IMPORT_JSON.md) "
        "without phones, addresses or hidden e-mails. import_portfolios reads these files back."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", metavar="DIR")

    def handle(self, *args, directory, verbosity, **options):
        folder = Path(directory)
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise CommandError(f"{directory}: cannot write there ({exc.strerror or exc})") from None
        count = 0
        for person in Person.objects.for_profile().order_by("pk").iterator(chunk_size=200):
            (folder / f"{person.slug}.json").write_text(
                exports.person_json(person), encoding="utf-8"
            )
            count += 1
        if verbosity >= 1:
            self.stderr.write(f"exported {count} people to {folder}")
