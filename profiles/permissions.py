"""The Curators group, shared by its data migration and `createcurator`."""

CURATORS = "Curators"
# Merging is a change; deleting records outright stays with superusers.
CURATOR_ACTIONS = ("view", "add", "change")


def ensure_curators_group(apps):
    """Create the group if needed and grant it every portfolio model's view/add/change.

    `apps` is a migration's historical registry or django.apps.apps; the permissions must
    already exist.
    """
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=CURATORS)
    codenames = [
        f"{action}_{model._meta.model_name}"
        for model in apps.get_app_config("profiles").get_models()
        for action in CURATOR_ACTIONS
    ]
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="profiles", codename__in=codenames)
    )
    return group
