"""Small builders for database tests: make_person(**overrides), make_portfolio(n)."""

from itertools import count

from profiles.models import Authorship, DataVersion, Education, Job, Organization, Paper, Person

_serial = count(1)


def make_organization(name=None):
    n = next(_serial)
    name = name or f"Example University {n}"
    organization, _ = Organization.objects.get_or_create(
        name_key=name.lower(), defaults={"name": name, "slug": f"org-{n}"}
    )
    DataVersion.bump()  # as every real change does; the site's counts are kept per version
    return organization


def make_person(**overrides):
    n = next(_serial)
    fields = {"name": f"Person {n} Example", "slug": f"person-{n}"} | overrides
    person = Person.objects.create(**fields)
    DataVersion.bump()
    return person


def make_paper(authors, **overrides):
    n = next(_serial)
    fields = {
        "title": f"A Study of Example Number {n}",
        "year": 2020 + n % 6,
        "kind": "conference",
        "venue": "ICML",
    } | overrides
    paper = Paper.objects.create(**fields)
    for position, person in enumerate(authors, start=1):
        Authorship.objects.create(paper=paper, position=position, name=person.name, person=person)
    DataVersion.bump()
    return paper


def make_portfolio(people, papers_each=3):
    """`people` researchers who studied and work at shared places and co-author papers."""
    university, company = make_organization(), make_organization()
    made = [make_person() for _ in range(people)]
    for index, person in enumerate(made):
        Education.objects.create(
            person=person, organization=university, degree="Ph.D.", start_year=2015, end_year=2020
        )
        Job.objects.create(
            person=person,
            organization=company,
            title="Research Scientist",
            start_year=2020,
            current=True,
        )
        for _ in range(papers_each):
            make_paper([person, made[(index + 1) % people]])
    DataVersion.bump()
    return made
