import json
import textwrap
from datetime import date

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from profiles.importer.read import DocumentError
from profiles.importer.readers import cvdata
from profiles.importer.records import Author, Link


def parse(source):
    text = textwrap.dedent(source).lstrip("\n")
    return cvdata.parse(text, source="cv.yaml", sha256="0", as_of=date(2026, 11, 22))


def test_key_value_cv():
    parsed = parse(
        """
        # my CV
        meta:
          name: Ada Example
          contact:
            email: ada@example.org
            website: https://ada.example.org
        education:
          - institution: Example University
            degree: PhD
            field: Physics
            year: 2020
        professional_employment:
          - year_start: 2021
            year_end: present
            title: Researcher
            organization: Example Labs
        """
    )
    assert parsed.person.name == "Ada Example"
    assert parsed.person.emails == ("ada@example.org",)
    assert parsed.person.homepage == "https://ada.example.org"
    assert parsed.person.lines == (3, 5, 6)
    (school,) = parsed.education
    assert (school.institution, school.degree, school.degree_text, school.field) == (
        "Example University",
        "Ph.D.",
        "PhD",
        "Physics",
    )
    assert (school.start, school.end, school.current) == (None, "2020", False)
    assert (school.line, school.lines) == (8, (8, 9, 10, 11))
    (job,) = parsed.jobs
    assert (job.organization, job.title, job.start, job.end, job.current) == (
        "Example Labs",
        "Researcher",
        "2021",
        None,
        True,
    )
    assert (job.line, job.lines) == (13, (13, 14, 15, 16))
    assert parsed.layout == (1, 2, 4, 7, 12)
    assert parsed.unparsed == ()


def test_json_resume():
    resume = {
        "basics": {
            "name": "Bo Fictional",
            "label": "Data Scientist",
            "email": "bo@example.org",
            "location": {"city": "Springfield", "countryCode": "US"},
            "profiles": [{"network": "GitHub", "url": "https://github.com/bo"}],
        },
        "work": [{"name": "Example Co", "position": "Analyst", "startDate": "2019-09-01"}],
        "education": [
            {
                "institution": "Example College",
                "studyType": "Bachelor",
                "area": "Maths",
                "startDate": "2015-09",
                "endDate": "2019-06",
            }
        ],
        "publications": [
            {
                "name": "On Examples.",
                "publisher": "Journal of Examples",
                "releaseDate": "2020-05-01",
            }
        ],
        "skills": [{"name": "Programming", "keywords": ["Python", "C"]}],
    }
    assert cvdata.looks_like_cv_data(resume)
    text = json.dumps(resume, indent=2)
    parsed = cvdata.parse(text, source="resume.json", sha256="0", as_of=date(2026, 11, 22))
    assert (parsed.person.name, parsed.person.headline, parsed.person.location) == (
        "Bo Fictional",
        "Data Scientist",
        "Springfield, US",
    )
    assert parsed.person.links == (Link("GitHub", "https://github.com/bo"),)
    (job,) = parsed.jobs
    assert (job.organization, job.title, job.start) == ("Example Co", "Analyst", "2019-09")
    (school,) = parsed.education
    assert (school.degree, school.field, school.start, school.end) == (
        "B.S.",
        "Maths",
        "2015-09",
        "2019-06",
    )
    (paper,) = parsed.publications
    assert (paper.title, paper.venue, paper.year, paper.kind) == (
        "On Examples",
        "Journal of Examples",
        2020,
        "journal",
    )
    lines = text.split("\n")
    assert lines[paper.line - 1].strip() == "{"
    assert '"name": "On Examples."' in lines[paper.line]
    (skills,) = parsed.sections
    assert (skills.title, skills.items) == ("Skills", ("Programming: Python, C",))
    assert parsed.unparsed == ()


def test_alfolio_titled_sections():
    parsed = parse(
        """
        - title: General Information
          type: map
          contents:
            - name: Full Name
              value: Cy Example
        - title: Experience
          type: time_table
          contents:
            - title: Professor
              institution: Example Institute
              year: 2016 - present
              description:
                - Taught examples.
        - title: Honors and Awards
          type: time_table
          contents:
            - year: 2021
              items:
                - Example Prize
        """
    )
    assert parsed.person.name == "Cy Example"
    (job,) = parsed.jobs
    assert (job.organization, job.title, job.start, job.current, job.details) == (
        "Example Institute",
        "Professor",
        "2016",
        True,
        ("Taught examples.",),
    )
    assert job.line == 9
    (awards,) = parsed.sections
    assert (awards.title, awards.items, awards.line) == (
        "Honors and Awards",
        ("2021: Example Prize",),
        17,
    )
    assert parsed.unparsed == ()


def test_publications_grouped_by_kind_and_talks_are_a_section():
    parsed = parse(
        """
        publications:
          journal_articles:
            - title: "A Journal Paper."
              authors: [A. Roe, B. Diaz]
              journal: Journal of Examples
              year: 2023
              doi: 10.1234/x
          working_papers:
            - title: A Draft
              authors: A. Roe and B. Diaz
              status: under review
        invited_talks:
          - title: A Talk
            year: 2024
            event: Example Workshop
        """
    )
    first, second = parsed.publications
    assert (first.title, first.kind, first.year, first.venue) == (
        "A Journal Paper",
        "journal",
        2023,
        "Journal of Examples",
    )
    assert first.authors == (Author("A. Roe"), Author("B. Diaz"))
    assert first.links == (Link("DOI", "https://doi.org/10.1234/x"),)
    assert (first.line, first.lines) == (3, (3, 4, 5, 6, 7))
    assert (second.kind, second.status, second.authors) == (
        "preprint",
        "under review",
        (Author("A. Roe"), Author("B. Diaz")),
    )
    (talks,) = parsed.sections
    assert (talks.title, talks.items, talks.line) == (
        "Invited talks",
        ("A Talk, 2024, Example Workshop",),
        13,
    )


@pytest.mark.parametrize(
    ("dates", "start", "end", "current"),
    [
        ("startDate: 2019-09-01\n  endDate: 2021-06-30", "2019-09", "2021-06", False),
        ("start: Sep 2019\n  end: now", "2019-09", None, True),
        ("years: 2019-present", "2019", None, True),
        ("date: Jan 2018 - Dec 2020", "2018-01", "2020-12", False),
        ("year: 2017", "2017", "2017", False),
        ("from: 2015\n  current: true", "2015", None, True),
    ],
)
def test_job_dates(dates, start, end, current):
    parsed = parse(f"work:\n- company: Example Co\n  {dates}\n")
    (job,) = parsed.jobs
    assert (job.start, job.end, job.current) == (start, end, current)


def test_nested_lists_of_entries_give_one_item_each():
    parsed = parse(
        """
        teaching:
          - institution: Example University
            courses:
              - name: Course A
                role: TA
              - name: Course B
                role: Lecturer
        """
    )
    (section,) = parsed.sections
    assert section.items == (
        "Example University — Course A, TA",
        "Example University — Course B, Lecturer",
    )
    assert (section.lines, section.item_lines) == ((2, 3, 4, 5, 6, 7), (4, 6))
    assert parsed.layout == (1,)


def test_unknown_person_values_are_kept_as_items():
    parsed = parse("name: Di Example\nnationality: Examplish\n")
    (section,) = parsed.sections
    assert (section.title, section.items) == ("Personal information", ("Nationality: Examplish",))


@pytest.mark.parametrize(
    ("obj", "expected"),
    [
        ({"basics": {"name": "X"}}, True),
        ({"name": "X", "education": []}, True),
        ({"person": {"name": "X"}, "jobs": [], "publications": []}, False),
        ({"title": "A page"}, False),
        ([], False),
    ],
)
def test_looks_like_cv_data(obj, expected):
    assert cvdata.looks_like_cv_data(obj) is expected


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("name: [unclosed", "not valid YAML"),
        ("just a sentence\n", "not a CV data file"),
        ("a: &a [*a, *a]\n", None),  # a recursive alias: bounded, not a hang
    ],
)
def test_bad_input_is_a_document_error(text, reason):
    try:
        cvdata.parse(text, source="cv.yaml", sha256="0", as_of=date(2026, 11, 22))
    except DocumentError as exc:
        assert reason is None or exc.reason.startswith(reason)
    else:
        assert reason is None


YAML_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20) | st.dates(),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(["name", "education", "work", "year", "title", "publications", "x"])
            | st.text(max_size=8),
            children,
            max_size=4,
        )
    ),
    max_leaves=20,
)


def _accounts_for_every_line(text):
    try:
        parsed = cvdata.parse(text, source="cv.yaml", sha256="0", as_of=date(2026, 11, 22))
    except DocumentError:
        return
    accounted = parsed.accounted()
    for number, line in enumerate(text.split("\n"), 1):
        assert not line.strip() or number in accounted, (number, line)


@settings(max_examples=200, deadline=None)
@given(YAML_VALUES)
def test_any_yaml_data_is_read_and_every_line_accounted(value):
    _accounts_for_every_line(yaml.safe_dump(value, allow_unicode=True))


@settings(max_examples=100, deadline=None)
@given(YAML_VALUES)
def test_any_json_data_is_read_and_every_line_accounted(value):
    _accounts_for_every_line(json.dumps(value, indent=2, default=str))


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("-:[]{}&*!|>#'\" \nabc12")), max_size=120))
def test_any_text_is_read_or_refused(text):
    _accounts_for_every_line(text)
