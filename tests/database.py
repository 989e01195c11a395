"""Whole-database snapshots of the portfolio tables, to compare before and after an import."""

from django.apps import apps
from django.db import models

# What identifies a row across two databases filled in different orders (ids differ).
NATURAL_KEYS = {
    "SourceDocument": "name",
    "Person": "slug",
    "Organization": "slug",
    "Paper": "title_key",
}


def portfolio_models():
    return list(apps.get_app_config("profiles").get_models())


def snapshot():
    """Every row of every table of the app, ids and timestamps included, in id order."""
    return {
        model.__name__: [
            {field.attname: getattr(row, field.attname) for field in model._meta.concrete_fields}
            for row in model.objects.order_by("pk")
        ]
        for model in portfolio_models()
    }


def natural_snapshot():
    """As snapshot(), without ids and timestamps: a foreign key is the related row's natural
    key, and the rows of a table are sorted, so that two databases filled in different
    orders compare equal when they hold the same facts."""
    keys = {
        model: dict(model.objects.values_list("pk", NATURAL_KEYS[model.__name__]))
        for model in portfolio_models()
        if model.__name__ in NATURAL_KEYS
    }
    tables = {}
    for model in portfolio_models():
        rows = []
        for row in model.objects.all():
            values = {}
            for field in model._meta.concrete_fields:
                if field.primary_key or isinstance(field, models.DateTimeField):
                    continue
                value = getattr(row, field.attname)
                if field.is_relation and value is not None:
                    value = keys[field.related_model][value]
                values[field.name] = value
            rows.append(values)
        tables[model.__name__] = sorted(rows, key=repr)
    return tables
