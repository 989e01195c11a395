"""Indexes for the papers' newest-first sorts with undated papers last, on PostgreSQL.

The sorts say NULLS LAST (profiles.models.NEWEST, profiles.filters.nulls_last), which the
'-year' indexes of the model (descending, so NULLS FIRST on PostgreSQL) cannot serve. SQLite
puts NULL last in a descending sort already, and cannot write NULLS LAST in an index: these
stay out of the model state, as the search indexes of 0006 do. The '-year' indexes stay for
the oldest-first sorts, which they serve read backwards.
"""

from importlib import import_module

from django.db import migrations, models
from django.db.models import F
from django.db.models.functions import Upper

OnPostgreSQL = import_module("profiles.migrations.0006_search").OnPostgreSQL
YEAR = F("year").desc(nulls_last=True)


def newest(name, *leading, then=("title",)):
    return OnPostgreSQL(
        migrations.AddIndex(
            model_name="paper",
            index=models.Index(*leading, YEAR, *then, name=name),
        )
    )


class Migration(migrations.Migration):
    dependencies = [
        ("profiles", "0011_loginfailure_pendingimport"),
    ]

    operations = [
        newest("paper_year_nl"),
        newest("paper_newest_nl", then=(F("date").desc(nulls_last=True), "title")),
        newest("paper_kind_year_nl", "kind"),
        newest("paper_status_year_nl", "status"),
        newest("paper_has_code_year_nl", "has_code"),
        newest("paper_venue_year_nl", Upper("venue")),
    ]
