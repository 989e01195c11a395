"""Small builders for database tests: make_person(**overrides), make_portfolio(n), and
import_cv(name, cv(...)) for a small CV imported as a curator would."""

from datetime import date
from itertools import count
from textwrap import dedent

from profiles.importer.parse import parse_document
from profiles.importer.save import save_document
from profiles.models import (
    Authorship,
    DataVersion,
    Education,
    FeaturedPaper,
    Job,
    Organization,
    Paper,
    Person,
)

_serial = count(1)
AS_OF = date(2026, 11, 22)


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


# Contact details no public surface may show: phone numbers and postal addresses never, the
# e-mail only once the person allows it. No word of the e-mail is in the name, which search
# matches by similarity.
PRIVATE_PHONE = "+1 (555) 010-4477"
PRIVATE_ADDRESS = "221B Baker Street, London NW1 6XE"
PRIVATE_EMAIL = "qz.hidden@mailhost.test"


def make_private_person():
    """Eve Example: phones, an address and a private e-mail, a current job and one paper."""
    organization = make_organization("Example Institute")
    person = make_person(
        name="Eve Example",
        slug="eve-example",
        headline="Physicist",
        phones=[PRIVATE_PHONE, "+44 20 7946 0958"],
        address=PRIVATE_ADDRESS,
        emails=[PRIVATE_EMAIL],
    )
    Job.objects.create(
        person=person, organization=organization, title="Fellow", start_year=2020, current=True
    )
    make_paper([person], title="Quiet Results")
    return person


def make_portfolio(people, papers_each=3):
    """`people` researchers who studied and work at shared places and co-author papers, each
    with their first paper selected for their profile."""
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
        for number in range(papers_each):
            paper = make_paper([person, made[(index + 1) % people]])
            if number == 0:
                FeaturedPaper.objects.create(person=person, paper=paper)
    DataVersion.bump()
    return made


def import_cv(name, text):
    """Parse and save a small CV written as markdown."""
    data = dedent(text).lstrip().encode()
    return save_document(parse_document(data, name, as_of=AS_OF), as_of=AS_OF)


def cv(person, *, email=None, school=None, employer=None, papers=(), extra=""):
    """A fictional CV: one education entry, one job, and publications as (title, authors)."""
    lines = [f"# {person}", ""]
    if email:
        lines += [email, ""]
    if school:
        lines += ["## Education", "", f"**{school}** 09/2018-06/2023", ""]
    if employer:
        lines += ["## Experience", "", f"**{employer}, Research Scientist** 10/2023-Now", ""]
    if papers:
        lines += ["## Publications", ""]
        lines += [f"- {authors}. {title}. In ICML, 2022." for title, authors in papers]
        lines += [""]
    if extra:
        lines += ["## Skills", "", f"- {extra}", ""]
    return "\n".join(lines)
