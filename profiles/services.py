"""Writes that span models: merging duplicate organisations, people and papers; hiding
records from public pages; linking bylines to a person's name variants.

A merge moves everything attached to the other records onto the kept one, records the
others' names as aliases (so later imports of those names, and the others' old URLs, find the
kept record) and deletes the others, in one transaction.

    merge_organizations(keep=somewhere, others=[somewhere_univ])
    -> {"education": 3, "jobs": 1, "aliases": 1}
"""

from collections import defaultdict

from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from profiles.importer.save import link_authorships, rebuild_paper, rebuild_person
from profiles.models import (
    Authorship,
    DataVersion,
    Education,
    Job,
    NameVariant,
    Organization,
    OrganizationAlias,
    Paper,
    PaperAlias,
    PaperSource,
    Person,
    PersonAlias,
    SectionItem,
    SourceDocument,
)
from profiles.text import name_key, title_key

# The rows that point at each kind of record, as (summary key, model, foreign key). Merges move
# exactly these and previews count exactly these, so the two cannot disagree.
RELATIONS = {
    Organization: [("education", Education, "organization"), ("jobs", Job, "organization")],
    Person: [
        ("education", Education, "person"),
        ("jobs", Job, "person"),
        ("section_items", SectionItem, "person"),
        ("authorships", Authorship, "person"),
        ("listings", PaperSource, "person"),
        ("documents", SourceDocument, "person"),
        ("name_variants", NameVariant, "person"),
    ],
    Paper: [("listings", PaperSource, "paper")],
}
ALIASES = {
    Organization: (OrganizationAlias, "organization"),
    Person: (PersonAlias, "person"),
    Paper: (PaperAlias, "paper"),
}
# Summary keys in the order they are described, as (singular, plural).
LABELS = {
    "documents": ("document", "documents"),
    "education": ("education entry", "education entries"),
    "jobs": ("job", "jobs"),
    "section_items": ("section item", "section items"),
    "listings": ("paper listing", "paper listings"),
    "duplicate_listings": (
        "duplicate listing (dropped)",
        "duplicate listings (dropped)",
    ),
    "authorships": ("authorship", "authorships"),
    "name_variants": ("name variant", "name variants"),
    "aliases": ("former name", "former names"),
    "papers_rebuilt": ("paper rebuilt", "papers rebuilt"),
}


@transaction.atomic
def merge_organizations(*, keep, others):
    """Move others' education and jobs to keep; returns {"education", "jobs", "aliases"}."""
    others = _checked(keep, others, Organization)
    return _merge(keep, others)


@transaction.atomic
def merge_people(*, keep, others):
    """Move others' documents and everything they contributed to keep, then rebuild keep's
    contact fields and the papers the others were authors of.

    keep's show_email is left as it is: a merge never makes an address public.
    """
    others = _checked(keep, others, Person)
    papers = set(Authorship.objects.filter(person__in=others).values_list("paper", flat=True))
    papers |= set(PaperSource.objects.filter(person__in=others).values_list("paper", flat=True))
    # The others are deleted first, so that rebuilding finds keep under their names (through
    # the new aliases) rather than the others themselves.
    summary = _merge(keep, others)
    if keep.documents.exists():
        rebuild_person(keep)
    link_authorships(keep)
    for paper in Paper.objects.filter(pk__in=papers).order_by("pk"):
        rebuild_paper(paper)
    _unlink_repeated_authorships(keep, papers)
    summary["papers_rebuilt"] = len(papers)
    return summary


@transaction.atomic
def merge_papers(*, keep, others):
    """Move others' listings to keep, dropping a listing by a document that already lists
    keep; then rebuild keep from all its listings.

    Returns {"listings", "duplicate_listings", "aliases"}.
    """
    others = _checked(keep, others, Paper)
    duplicates = [pk for pks in _duplicate_listings(keep, others).values() for pk in pks]
    PaperSource.objects.filter(pk__in=duplicates).delete()
    # The others' bylines go with them: whose authorship was hidden there stays hidden here.
    hidden = Authorship.objects.filter(paper__in=others, hidden=True, person__isnull=False)
    stamps = list(hidden.values_list("person", "hidden_by", "hidden_at"))
    summary = _merge(keep, others)
    summary["duplicate_listings"] = len(duplicates)
    rebuild_paper(keep)
    for person, by, at in stamps:
        Authorship.objects.filter(paper=keep, person=person, hidden=False).update(
            hidden=True, hidden_by=by, hidden_at=at
        )
    return summary


@transaction.atomic
def set_hidden(*, records, hidden, by):
    """Hide records (a queryset of Education, Job, Authorship or SectionItem) from public
    pages and exports, noting who and when, or show them again; returns how many changed."""
    changing = records.exclude(hidden=hidden)
    stamp = {"hidden_by": by, "hidden_at": timezone.now()} if hidden else {}
    count = changing.update(hidden=hidden, **{"hidden_by": None, "hidden_at": None, **stamp})
    DataVersion.bump()
    return count


@transaction.atomic
def add_name_variant(*, person, name):
    """Record another way person's name is written, and link the bylines that write it so;
    returns (variant, authorships linked). Refuses a name someone else has (ValidationError)."""
    variant = NameVariant(person=person, name=name)
    variant.full_clean()
    variant.save()
    return variant, link_name_variants(person=person)


@transaction.atomic
def link_name_variants(*, person):
    """Link the unlinked authorships written as any of person's names (their name, former
    names, name variants) to person; returns how many were linked."""
    linked = link_authorships(person)
    DataVersion.bump()
    return linked


def merge(*, keep, others):
    """The merge for keep's model: what a generic admin action calls."""
    functions = {
        Organization: merge_organizations,
        Person: merge_people,
        Paper: merge_papers,
    }
    if type(keep) not in functions:
        raise ValueError(f"{type(keep).__name__} records cannot be merged")
    return functions[type(keep)](keep=keep, others=others)


def merge_preview(*, keep, others):
    """What merging each of others into keep will move, for a confirmation page.

    merge_preview(keep=somewhere, others=[somewhere_univ])
    -> [(somewhere_univ, ["3 education entries", "1 job", "1 former name"])]

    Refuses the same input the merges refuse (ValueError).
    """
    others = _checked(keep, others, type(keep))
    plan = _plan(keep, others)
    return [(other, describe(plan[other.pk])) for other in others]


def holdings(record):
    """What is attached to one record, before a record to keep is chosen: [(3, "jobs"), ...]."""
    counts = {
        key: model.objects.filter(**{field: record}).count()
        for key, model, field in RELATIONS[type(record)]
    }
    counts["aliases"] = record.aliases.count()
    return [(n, LABELS[key][n != 1]) for key, n in _in_order(counts)]


def describe(summary):
    """["3 education entries", "1 job"]: the non-zero counts of a summary or preview."""
    return [f"{n} {LABELS[key][n != 1]}" for key, n in _in_order(summary)]


def describe_summary(summary):
    """The message after a merge: '3 education entries, 1 job'."""
    return ", ".join(describe(summary)) or "nothing to move"


def _in_order(counts):
    return [(key, counts[key]) for key in LABELS if counts.get(key)]


def _checked(keep, others, model):
    """others as a list of distinct records, after refusing what cannot be merged."""
    others = list(others)
    if not others:
        raise ValueError("nothing to merge: no other records given")
    if type(keep) is not model or model not in RELATIONS:
        raise ValueError(f"{type(keep).__name__} records cannot be merged here")
    if any(type(other) is not model for other in others):
        raise ValueError(f"only {model._meta.verbose_name_plural} can be merged together")
    if keep.pk is None or any(other.pk == keep.pk for other in others):
        raise ValueError("a record cannot be merged into itself")
    return list({other.pk: other for other in others}.values())


def _merge(keep, others):
    """Move others' rows and names to keep and delete others; returns the counts moved."""
    summary = {
        key: model.objects.filter(**{f"{field}__in": others}).update(**{field: keep})
        for key, model, field in RELATIONS[type(keep)]
    }
    alias_model, field = ALIASES[type(keep)]
    summary["aliases"] = 0
    for moving, new in _alias_plan(keep, others).values():
        alias_model.objects.filter(pk__in=[alias.pk for alias in moving]).update(**{field: keep})
        alias_model.objects.bulk_create(new)
        summary["aliases"] += len(moving) + len(new)
    type(keep).objects.filter(pk__in=[other.pk for other in others]).delete()
    DataVersion.bump()
    return summary


def _plan(keep, others):
    """Per other record, {summary key: rows} that merging it into keep moves."""
    plan = {other.pk: {} for other in others}
    for key, model, field in RELATIONS[type(keep)]:
        rows = (
            model.objects.filter(**{f"{field}__in": others})
            .values_list(field)
            .annotate(n=Count("pk"))
            .order_by()
        )
        for pk, n in rows:
            plan[pk][key] = n
    if isinstance(keep, Paper):
        for pk, duplicates in _duplicate_listings(keep, others).items():
            plan[pk]["listings"] -= len(duplicates)
            plan[pk]["duplicate_listings"] = len(duplicates)
    for pk, (moving, new) in _alias_plan(keep, others).items():
        plan[pk]["aliases"] = len(moving) + len(new)
    return plan


def _former_name(record):
    """(name, key, slug) an alias of record stores; a paper's URL uses its id, not a slug."""
    if isinstance(record, Paper):
        return record.title, title_key(record.title), str(record.pk)
    return record.name, name_key(record.name), record.slug


def _alias_plan(keep, others):
    """Per other, (its aliases that move to keep, new aliases for its own name).

    An alias is unique by key, so a name keep already answers to, or one an alias already
    holds, is not recorded again.
    """
    alias_model, field = ALIASES[type(keep)]
    own = _former_name(keep)[1]
    existing = defaultdict(list)
    for alias in alias_model.objects.filter(**{f"{field}__in": others}).order_by("pk"):
        existing[getattr(alias, f"{field}_id")].append(alias)
    names = {other.pk: _former_name(other) for other in others}
    taken = {own, ""} | set(
        alias_model.objects.filter(key__in=[key for _, key, _ in names.values()]).values_list(
            "key", flat=True
        )
    )
    plan = {}
    for other in others:
        name, key, slug = names[other.pk]
        new = []
        if key not in taken:
            taken.add(key)
            new.append(alias_model(name=name, key=key, slug=slug, **{field: keep}))
        plan[other.pk] = ([alias for alias in existing[other.pk] if alias.key != own], new)
    return plan


def _duplicate_listings(keep, others):
    """Per other paper, its listings by a document that already lists keep (or an earlier
    other): a paper has one listing per document."""
    listed = set(PaperSource.objects.filter(paper=keep).values_list("source", flat=True))
    rank = {other.pk: index for index, other in enumerate(others)}
    listings = PaperSource.objects.filter(paper__in=others).values_list("pk", "paper", "source")
    duplicates = defaultdict(list)
    for pk, paper, source in sorted(listings, key=lambda row: (rank[row[1]], row[0])):
        if source is not None and source in listed:
            duplicates[paper].append(pk)
        listed.add(source)
    return duplicates


def _unlink_repeated_authorships(person, papers):
    """Keep one linked authorship per paper for person.

    A paper without listings is not rebuilt, so if both merged people were in its byline,
    keep would be linked twice; the later entry stays in the byline, unlinked.
    """
    seen, repeated = set(), []
    rows = Authorship.objects.filter(person=person, paper__in=papers).order_by("paper", "position")
    for pk, paper in rows.values_list("pk", "paper"):
        if paper in seen:
            repeated.append(pk)
        seen.add(paper)
    Authorship.objects.filter(pk__in=repeated).update(person=None)
