from django.db import migrations, models


def create_row(apps, schema_editor):
    apps.get_model("profiles", "DataVersion").objects.get_or_create(pk=1)


class Migration(migrations.Migration):
    dependencies = [
        ("profiles", "0004_curators_group"),
    ]

    operations = [
        migrations.CreateModel(
            name="DataVersion",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("version", models.PositiveBigIntegerField(default=0)),
                ("changed_at", models.DateTimeField(auto_now_add=True)),
            ],
        ),
        migrations.RunPython(create_row, migrations.RunPython.noop),
    ]
