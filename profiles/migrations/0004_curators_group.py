"""The Curators group: view, add and change the portfolio models; no users or groups."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from profiles.permissions import CURATORS, ensure_curators_group


def create_curators(apps, schema_editor):
    # Permissions are normally created after the whole migrate run; the group needs them now.
    app_config = apps.get_app_config("profiles")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    ensure_curators_group(apps)


def remove_curators(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=CURATORS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("profiles", "0003_aliases"),
    ]

    operations = [migrations.RunPython(create_curators, remove_curators)]
