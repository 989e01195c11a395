"""The person's name: read from the header, else from metadata, else from the bylines."""

import pytest

from profiles.importer.interpret.person import (
    natural_order,
    parse_person,
    person_name,
    proper_case,
)
from profiles.importer.readers import markdown
from profiles.importer.segment import lines_from_tree


def header(text):
    lines, _ = lines_from_tree(markdown.read(text))
    return [line for line in lines if not line.blank]


def name_of(text, **elsewhere):
    return parse_person(header(text), **elsewhere)[0].name


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Jane Doe", "Jane Doe"),
        ("**Jane Q. Doe**", "Jane Q. Doe"),
        ("Dr Jane Doe BA, MA, MA, PhD", "Jane Doe"),
        ("Dr.-Ing. Jane Doe", "Jane Doe"),
        ("Prof. Dr. rer. nat. Jane Doe", "Jane Doe"),
        ("Jane Doe, Ph.D.", "Jane Doe"),
        ("Jane Doe MSc FRS", "Jane Doe"),
        ("Name: Jane Doe", "Jane Doe"),
        ("Nom : Jeanne Dupont", "Jeanne Dupont"),
        ("Jane Doe (she/her)", "Jane Doe"),
        ("Anna Li Ma", "Anna Li Ma"),  # 'Ma' is a surname, not an M.A.
        ("Nat King Cole", "Nat King Cole"),  # 'Nat' without its dot is a given name
        ("JANE O'BRIEN", "Jane O'Brien"),
        ("SEAN MCDONALD", "Sean McDonald"),
        ("JAN VAN DER BERG", "Jan van der Berg"),
        ("Jeanne DUPONT", "Jeanne Dupont"),
        ("CHJ Doe", "CHJ Doe"),
        ("张伟", "张伟"),
        # Not names: titles, headings, vocabulary, places, more than one person.
        ("Curriculum Vitae", None),
        ("Curriculum Vitæ", None),
        ("Unfunded Current Projects", None),
        ("Selected Talks", None),
        ("Homepage Linkedin Github Scholar", None),
        ("Toggle Colorscheme (dark to light)", None),
        ("Cambridge MA", None),
        ("Jane Doe and John Roe", None),
        ("Dr Doe", None),
        ("Associate Professor", None),
        ("Institute of Examples", None),
        ("Updated 12 May 2024", None),
    ],
)
def test_person_name(text, expected):
    assert person_name(text) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("ARIEL DOE-ROE", "Ariel Doe-Roe"),
        ("MARY MACLEOD", "Mary MacLeod"),
        ("ANA MACHADO", "Ana Machado"),
        ("JEAN D'ARCY", "Jean D'Arcy"),
        ("A.J. DOE", "A.J. Doe"),
        ("Jane McDonald", "Jane McDonald"),
    ],
)
def test_proper_case(name, expected):
    assert proper_case(name) == expected


@pytest.mark.parametrize(
    ("byline", "expected"),
    [
        ("Doe S.W", "S. W. Doe"),
        ("Doe, S.W.,", "S. W. Doe"),
        ("Doe SW", "S. W. Doe"),
        ("Doe, Jane", "Jane Doe"),
        ("Jane DOE", "Jane DOE"),
        ("Jane Doe", "Jane Doe"),
    ],
)
def test_natural_order(byline, expected):
    assert natural_order(byline) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The document's title before the name.
        ("# Curriculum Vitæ\n\n**Jean DUPONT**\nTéléphone : 01 23 45 67 89", "Jean Dupont"),
        ("# CV\n\nJane Doe\njane@example.org", "Jane Doe"),
        # A name in a table row, beside a date or split over its cells.
        ("**JANE DOE-ROE** | 4/14/2026", "Jane Doe-Roe"),
        ("**Jane** | **Doe**\nUniversity of Examples | jane@example.org", "Jane Doe"),
        ("**Jane Q. Doe**, Ph.D. | Associate Professor of Music", "Jane Q. Doe"),
        ("**Name:** | **Jane Q. D** | **oe**", "Jane Q. Doe"),
        ("**Name:** | **Jan** | **van Doe**", "Jan van Doe"),
        ("Berlin | Germany\nJane Doe", "Jane Doe"),
        # A form: the label, then the name some lines down.
        (
            "Faculty of Examples\n\nDate: 1 May 2022\n**Office:**\n12 Example Road\nRoom 4\nPhone: 555 0100\n**Name:**\n\n**Jane Doe**",
            "Jane Doe",
        ),
        # Metadata (a LaTeX \\author, #+AUTHOR, front matter) heads the lines as a heading.
        ("# Jane Doe\n\n**Curriculum Vitae**\njane@example.org", "Jane Doe"),
        # The name linked to the homepage.
        ("[Jane Doe](https://janedoe.example.org)", "Jane Doe"),
    ],
)
def test_name_in_the_header(text, expected):
    assert name_of(text) == expected


def test_a_name_linked_to_its_homepage_keeps_the_link():
    info, _ = parse_person(header("[Jane Doe](https://janedoe.example.org)"))
    assert (info.name, info.homepage) == ("Jane Doe", "https://janedoe.example.org")


def test_a_row_with_the_name_keeps_its_other_cells():
    info, _ = parse_person(header("Jane Doe | jane@example.org"))
    assert (info.name, info.emails) == ("Jane Doe", ("jane@example.org",))


BOLD_BYLINES = """**Doe S.W.**, Roe A. (2020) A first paper.
Roe A., **Doe, S.W.,** (2019) A second paper.
**Doe SW**, Poe B. (2018) A third paper."""

APA_BYLINES = """Roe, R., Doe, A. J., & Poe, E. (2024). A first paper. Journal of Tests.
Doe, A. J., Liu, Y. (2022). A second paper. Journal of Tests.
Doe, A.J., Poe, E. (2021). A third paper. Journal of Tests.
+ marks a student advised by A.J. Doe"""


@pytest.mark.parametrize(
    ("top", "publications", "document", "expected"),
    [
        # No name in the header: the name heading that opened a section, among the first lines.
        ("Parser note: none", "", "Parser note: none\nJane Q. Doe\nEducation\nMIT", "Jane Q. Doe"),
        # ... but never a line under the first section's heading.
        ("", "", "Contact\njane@example.org\nTop Skills\nRobot Operating System (ROS)", None),
        # The author the bylines bold, in a header's order.
        ("Lab of Examples", BOLD_BYLINES, "", "S. W. Doe"),
        # The author in every byline, none bold.
        ("", APA_BYLINES, "", "A. J. Doe"),
        # ... its initial spelled out by the e-mail address.
        (
            "jane.doe@example.org",
            BOLD_BYLINES.replace("S.W.", "J.").replace("SW", "J"),
            "",
            "Jane Doe",
        ),
        # The e-mail alone, or the homepage alone; not initials.
        ("jane.doe@example.org", "", "", "Jane Doe"),
        ("Website: https://jane-doe.github.io", "", "", "Jane Doe"),
        ("Website: https://jd-doe.github.io", "", "", None),
    ],
)
def test_name_from_elsewhere(top, publications, document, expected):
    assert name_of(top, publications_text=publications, document_text=document) == expected


def test_a_co_author_on_some_papers_is_not_the_owner():
    bylines = "Roe, R., Poe, E. (2024). One.\nRoe, R., Liu, Y. (2022). Two.\nPoe, E. (2021). Three."
    assert name_of("", publications_text=bylines) is None


def test_the_name_again_under_the_metadata_is_the_name_not_an_about_line():
    info, about = parse_person(header("# Jane Doe\n\n**Jane Doe**, PhD | Professor of Music"))
    assert (info.name, info.line, info.headline, about) == ("Jane Doe", 1, "Professor of Music", [])
