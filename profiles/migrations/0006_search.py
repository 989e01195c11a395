"""Search, and an index for every filter and sort of the browsing pages.

PostgreSQL also gets pg_trgm and GIN indexes for search. These stay out of the models' state:
SQLite cannot build them, and would try to whenever it remakes one of these tables.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.operations import TrigramExtension
from django.contrib.postgres.search import SearchVector
from django.db import migrations, models
from django.db.migrations.operations.base import Operation
from django.db.models.functions import Upper


class OnPostgreSQL(Operation):
    """Operation's database changes on PostgreSQL only; the model state is left alone."""

    def __init__(self, operation):
        self.operation = operation

    def state_forwards(self, app_label, state):
        pass

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            self.operation.database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            self.operation.database_backwards(app_label, schema_editor, from_state, to_state)

    def describe(self):
        return f"{self.operation.describe()} (PostgreSQL only)"


# The same expressions as profiles.models' PERSON_DOCUMENT, PAPER_DOCUMENT and NAME_DOCUMENT:
# a query uses an expression index only when its expression is identical.
PERSON_DOCUMENT = SearchVector("name", weight="A", config="simple") + SearchVector(
    "headline", weight="B", config="simple"
)
PAPER_DOCUMENT = (
    SearchVector("title", weight="A", config="simple")
    + SearchVector("venue", weight="B", config="simple")
    + SearchVector("abstract", weight="C", config="simple")
)
NAME_DOCUMENT = SearchVector("name", config="simple")


class Migration(migrations.Migration):
    dependencies = [
        ("profiles", "0005_data_version"),
    ]

    operations = [
        # Paper's filters lead composite indexes in the list's order instead.
        migrations.AlterField(
            model_name="paper",
            name="has_code",
            field=models.BooleanField(default=False),
        ),
        migrations.AlterField(
            model_name="paper",
            name="kind",
            field=models.CharField(
                choices=[
                    ("conference", "Conference paper"),
                    ("journal", "Journal article"),
                    ("preprint", "Preprint"),
                    ("book", "Book"),
                    ("thesis", "Thesis"),
                    ("patent", "Patent"),
                    ("other", "Other"),
                ],
                default="other",
                max_length=20,
            ),
        ),
        migrations.AlterField(
            model_name="paper",
            name="status",
            field=models.CharField(
                choices=[
                    ("published", "Published"),
                    ("submitted", "Submitted"),
                    ("under review", "Under review"),
                    ("forthcoming", "Forthcoming"),
                ],
                default="published",
                max_length=20,
            ),
        ),
        migrations.AlterField(
            model_name="paper",
            name="venue",
            field=models.CharField(blank=True, max_length=300),
        ),
        migrations.AlterField(
            model_name="paper",
            name="year",
            field=models.PositiveSmallIntegerField(blank=True, null=True),
        ),
        migrations.AddIndex(
            model_name="paper",
            index=models.Index(fields=["-year", "title"], name="profiles_pa_year_dcd1bc_idx"),
        ),
        migrations.AddIndex(
            model_name="paper",
            index=models.Index(
                fields=["kind", "-year", "title"], name="profiles_pa_kind_7cc797_idx"
            ),
        ),
        migrations.AddIndex(
            model_name="paper",
            index=models.Index(
                fields=["status", "-year", "title"], name="profiles_pa_status_8f7244_idx"
            ),
        ),
        migrations.AddIndex(
            model_name="paper",
            index=models.Index(
                fields=["has_code", "-year", "title"], name="profiles_pa_has_cod_b24212_idx"
            ),
        ),
        migrations.AddIndex(
            model_name="paper",
            index=models.Index(
                Upper("venue"),
                models.OrderBy(models.F("year"), descending=True),
                models.F("title"),
                name="profiles_paper_venue",
            ),
        ),
        migrations.AddIndex(
            model_name="education",
            index=models.Index(Upper("degree"), name="profiles_education_degree"),
        ),
        # The organisation page lists its staff by current, then start year.
        migrations.RemoveIndex(
            model_name="job",
            name="profiles_jo_organiz_67aa1a_idx",
        ),
        migrations.AddIndex(
            model_name="job",
            index=models.Index(
                fields=["organization", "current", "start_year"],
                name="profiles_jo_organiz_4d19f2_idx",
            ),
        ),
        # Search, on PostgreSQL only: TrigramExtension and OnPostgreSQL do nothing elsewhere.
        TrigramExtension(),
        OnPostgreSQL(
            migrations.AddIndex(
                model_name="person",
                index=GinIndex(PERSON_DOCUMENT, name="profiles_person_search"),
            )
        ),
        OnPostgreSQL(
            migrations.AddIndex(
                model_name="person",
                index=GinIndex(
                    fields=["name"], opclasses=["gin_trgm_ops"], name="profiles_person_name_trgm"
                ),
            )
        ),
        OnPostgreSQL(
            migrations.AddIndex(
                model_name="paper",
                index=GinIndex(PAPER_DOCUMENT, name="profiles_paper_search"),
            )
        ),
        OnPostgreSQL(
            migrations.AddIndex(
                model_name="authorship",
                index=GinIndex(NAME_DOCUMENT, name="profiles_authorship_search"),
            )
        ),
        OnPostgreSQL(
            migrations.AddIndex(
                model_name="organization",
                index=GinIndex(NAME_DOCUMENT, name="profiles_organization_search"),
            )
        ),
        # skill= (icontains): UPPER(text) LIKE UPPER('%word%').
        # (SQL, as OpClass needs django.contrib.postgres in INSTALLED_APPS.)
        OnPostgreSQL(
            migrations.RunSQL(
                "CREATE INDEX profiles_sectionitem_text_trgm ON profiles_sectionitem"
                " USING gin ((UPPER(text)) gin_trgm_ops)",
                "DROP INDEX profiles_sectionitem_text_trgm",
            )
        ),
    ]
