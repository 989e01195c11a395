import pytest

from profiles.importer.interpret.authors import (
    bold_names,
    is_name,
    looks_like_authors,
    split_authors,
)
from profiles.importer.records import Author
from profiles.text import abbreviates, name_key


def names(authors):
    return [a.name for a in authors]


@pytest.mark.parametrize(
    ("text", "expected", "truncated"),
    [
        ("Aohan Zeng, Zhengxiao Du, Jie Tang", ["Aohan Zeng", "Zhengxiao Du", "Jie Tang"], False),
        ("Jie Tang and Yuhui Ding", ["Jie Tang", "Yuhui Ding"], False),
        ("A, B, Chen Li, and Jie Tang", ["A", "B", "Chen Li", "Jie Tang"], False),
        ("Xiao Liu, Hao Yu et al. · berkeley, microsoft-research", ["Xiao Liu", "Hao Yu"], True),
        ("Okafor, A., Lindqvist, K., & Chen, M.", ["A. Okafor", "K. Lindqvist", "M. Chen"], False),
        ("GLM-4.5 Team", ["GLM-4.5 Team"], False),
        ("**Zhongzhu Zhou**, et al.", ["Zhongzhu Zhou"], True),
        # Chicago inverts the first author only
        (
            "Okafor, Ann B., Mei L. Chen, and Bruno Rosado",
            ["Ann B. Okafor", "Mei L. Chen", "Bruno Rosado"],
            False,
        ),
        ("Okafor, Ann, and Mei Chen", ["Ann Okafor", "Mei Chen"], False),
        # a Word hyphen (U+2010) in a surname
        ("Aguirre\u2010Gómez J., Okafor A.", ["Aguirre-Gómez J", "Okafor A"], False),
    ],
)
def test_split_authors(text, expected, truncated):
    authors, was_truncated = split_authors(text)
    assert names(authors) == expected
    assert was_truncated is truncated


def test_equal_contribution_marks_and_bold_owner():
    authors, _ = split_authors(r"Aohan Zeng\*, **Zhengxiao Du\***, Mingdao Liu†, Lei Zhao")
    assert authors == (
        Author("Aohan Zeng", equal_contribution=True),
        Author("Zhengxiao Du", equal_contribution=True, is_owner=True),
        Author("Mingdao Liu", equal_contribution=True),
        Author("Lei Zhao"),
    )


def test_a_bold_name_ends_where_its_bold_ends():
    """'**Doe, Jane** Roe, B.': no comma after the owner's bold name, the bold says where."""
    authors, _ = split_authors("**Doe, Jane** Roe, B., Lee, K.")
    assert authors == (Author("Jane Doe", is_owner=True), Author("B. Roe"), Author("K. Lee"))


def test_a_byline_of_inverted_full_names():
    authors, _ = split_authors("Doe, Jane, Lee, Kim, and Roe, Ben")
    assert names(authors) == ["Jane Doe", "Kim Lee", "Ben Roe"]


def test_owner_recognised_by_name_and_by_initials():
    authors, _ = split_authors("Z. Du, Jie Tang, Zhengxiao Du", owner_key=name_key("Zhengxiao Du"))
    assert [a.is_owner for a in authors] == [True, False, True]


@pytest.mark.parametrize(
    ("owner", "byline", "expected"),
    [
        ("Karin de Vries", "K. de Vries, P. Jansen", [True, False]),
        ("Samir El-Sayed", "S. El-Sayed and A. Okafor", [True, False]),
        ("Juan García López", "M. Ruiz, J. García López", [False, True]),
        ("Juan García López", "J. López, J. García", [True, False]),
        ("Zhengxiao Du", "Z.-X. Du, X. Du", [True, False]),
        ("Karin de Vries", "K. Vries, D. Vries", [True, False]),
        ("Karin de Vries", "A. de Vries", [False]),
    ],
)
def test_owner_recognised_with_compound_surnames(owner, byline, expected):
    authors, _ = split_authors(byline, owner_key=name_key(owner))
    assert [a.is_owner for a in authors] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Jie Tang", True),
        ("É. Marchand", True),
        ("Ludwig van Beethoven", True),
        ("张伟", True),
        ("M. A. L. M. van Assen", True),
        ("A B C D E F G", False),
        ("on 1 GPU", False),
        ("The training pipeline was improved by 30%", False),
    ],
)
def test_is_name(text, expected):
    assert is_name(text) is expected


def test_looks_like_authors_rejects_prose():
    assert looks_like_authors("Zirui Zhu, Yong Liu, Zangwei Zheng")
    assert not looks_like_authors("Designed the GLM pre-training algorithm, and trained models")


def test_bold_names_finds_the_owner():
    text = "**Ada Lovelace**, Charles Babbage. **Ada Lovelace** and **Best Paper Award**"
    assert bold_names(text) == ["Ada Lovelace", "Ada Lovelace"]


@pytest.mark.parametrize(
    ("written", "owner", "expected"),
    [
        ("Z. Du", "Zhengxiao Du", True),
        ("Du Z", "Zhengxiao Du", True),
        ("Z.-X. Du", "Zhengxiao Du", True),
        ("K. de Vries", "Karin de Vries", True),
        ("de Vries K", "Karin de Vries", True),
        ("J. García López", "Juan García López", True),
        ("A. de Vries", "Karin de Vries", False),
        ("X. Du", "Zhengxiao Du", False),
        ("Zhengxiao Du", "Zhengxiao Du", False),  # the same name, not an abbreviation
        ("Du", "Zhengxiao Du", False),
    ],
)
def test_abbreviates_is_one_rule_for_parsing_and_saving(written, owner, expected):
    assert abbreviates(name_key(written), name_key(owner)) is expected


@pytest.mark.parametrize(
    ("text", "expected", "truncated"),
    [
        # Mixed bylines: 'Surname, I.' pairs and a final 'and I. Surname'.
        (
            "Okafor, A.B., Vos, L., and M. Chen",
            ["A.B. Okafor", "L. Vos", "M. Chen"],
            False,
        ),
        # An elision keeps the names it gives.
        ("Huaraca Vos, W., [and 23 others including Chen M.]", ["W. Huaraca Vos", "Chen M"], True),
        ("Vos L. [and 17 others]", ["Vos L"], True),
        # German 'und' and 'u. a.'.
        ("A. Okafor, L. Vos, und M. Chen", ["A. Okafor", "L. Vos", "M. Chen"], False),
        ("A. Okafor *u. a.*", ["A. Okafor"], True),
        # Student-author marks.
        ("Vos, L., Chen+, M., & Okafor+, A.", ["L. Vos", "M. Chen", "A. Okafor"], False),
    ],
)
def test_split_bylines_of_other_styles(text, expected, truncated):
    authors, was_truncated = split_authors(text)
    assert names(authors) == expected
    assert was_truncated is truncated


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Okafor AB, Chen M, Vos L", True),
        # A title with a comma before the names is no byline.
        ("Rivers in flood plains of the south. Okafor AB, Chen M, Vos L, Diaz P", False),
    ],
)
def test_a_byline_starts_with_a_name(text, expected):
    assert looks_like_authors(text) is expected
