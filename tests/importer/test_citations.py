import textwrap
from datetime import date

import pytest

from profiles.importer.interpret.citations import parse_venue
from profiles.importer.parse import parse_text

AS_OF = date(2026, 11, 22)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Annual Meeting of the Association for Computational Linguistics (ACL), p. 320-335, 2022.",
            ("ACL", "Annual Meeting of the Association for Computational Linguistics", 2022, None),
        ),
        (
            "*IEEE Transactions on Knowledge and Data Engineering (TKDE)*. 35(2): 1283-1295 (2023)",
            ("TKDE", "IEEE Transactions on Knowledge and Data Engineering", 2023, None),
        ),
        ("Submitted to ICML 2026", ("ICML", None, 2026, "submitted")),
        ("Neurips 2023", ("NeurIPS", None, 2023, None)),
        ("arXiv:2406.12793", ("arXiv", None, 2024, None)),
        (
            "Journal of Machine Learning Research, 20(41):1-38, 2019",
            ("Journal of Machine Learning Research", None, 2019, None),
        ),
        (
            "Geophysical Research Letters, to appear",
            ("Geophysical Research Letters", None, None, "forthcoming"),
        ),
        (
            "ICSE (International Conference on Software Engineering) 2020",
            ("ICSE", "International Conference on Software Engineering", 2020, None),
        ),
    ],
)
def test_parse_venue(text, expected):
    assert parse_venue(text) == expected


def parse_publications(text):
    document = parse_text(textwrap.dedent(text), as_of=AS_OF)
    return document.to_json()["publications"], document.to_json()["unparsed"]


def test_numbered_citation_with_quoted_title():
    publications, unparsed = parse_publications(
        """\
        # Ada Lovelace

        ## Publications

        1. **Ada Lovelace**\\*, Charles Babbage\\*. “Notes on the Analytical Engine.” Proceedings of the Royal Society, 1993.
        """
    )
    assert unparsed == []
    (paper,) = publications
    assert paper["title"] == "Notes on the Analytical Engine"
    assert [a["name"] for a in paper["authors"]] == ["Ada Lovelace", "Charles Babbage"]
    assert all(a["equal_contribution"] for a in paper["authors"])
    assert paper["authors"][0]["is_owner"]
    assert (paper["year"], paper["kind"]) == (1993, "conference")


def test_bold_title_authors_and_award_lines():
    publications, _ = parse_publications(
        """\
        # Grace Hopper

        ## Selected Publications

        #### 1. Compiling Arithmetic Expressions into Machine Code for the
        UNIVAC I

        Grace Hopper, Richard Ridgway,

        Betty Holberton

        **Best Paper Award (1%), ACM 1952**
        """
    )
    (paper,) = publications
    assert paper["title"].endswith("Machine Code for the UNIVAC I")
    assert len(paper["authors"]) == 3
    assert paper["awards"] == ["Best Paper Award"]
    assert (paper["venue"], paper["year"]) == ("ACM", 1952)


def test_status_lines_and_kind_headings():
    publications, _ = parse_publications(
        """\
        Alan Turing

        ## Publications

        ### Journal Papers

        - **On Computable Numbers, with an Application to the Entscheidungsproblem**
        Alan Turing
          - UNDER REVIEW

        ## Patents

        - **A Machine for Breaking Ciphers Quickly**
        Alan Turing, Gordon Welchman
          - RELEASE SOON
        """
    )
    assert [(p["kind"], p["status"]) for p in publications] == [
        ("journal", "under review"),
        ("patent", "forthcoming"),
    ]


def test_scraped_profile_entries():
    publications, unparsed = parse_publications(
        """\
        Rosalind Franklin

        3 Papers

        CLJun 1Code
        Helical Structures in Fibres of Sodium Thymonucleate

        Rosalind Franklin, Raymond Gosling et al. · kings-college

        A long abstract about diffraction patterns.
        """
    )
    (paper,) = publications
    assert paper["date"] == "2026-06-01"
    assert (paper["category"], paper["has_code"], paper["kind"]) == ("CL", True, "preprint")
    assert paper["authors_truncated"] is True
    assert paper["abstract"] == "A long abstract about diffraction patterns."
    assert unparsed == []


def test_a_legend_line_is_left_unparsed():
    publications, unparsed = parse_publications(
        """\
        # Ada Lovelace

        ## Publications

        \\* indicates equal contribution.

        1. Ada Lovelace. “Sketch of the Analytical Engine.” Scientific Memoirs, 1993.
        """
    )
    assert len(publications) == 1
    assert [u["text"] for u in unparsed] == ["\\* indicates equal contribution."]


@pytest.mark.parametrize(
    ("entry", "venue", "year", "awards"),
    [
        (
            "J. Doe, A. Smith. Sparse Attention for Long Documents. In Proceedings of ACL, "
            "2021. Best Paper Award.",
            "ACL",
            2021,
            ("Best Paper Award",),
        ),
        (
            "J. Doe. Graph Learning at Scale. NeurIPS 2022 (Oral), Outstanding Paper Award.",
            "NeurIPS",
            2022,
            ("Oral", "Outstanding Paper Award"),
        ),
        (
            "J. Doe, B. Lee. Robust Tokenizers. EMNLP, 2023. Best Long Paper Honorable Mention",
            "EMNLP",
            2023,
            ("Best Long Paper Honorable Mention",),
        ),
        (
            "J. Doe, A. Smith. Spotlight Methods for Vision. CVPR 2020 (Spotlight).",
            "CVPR",
            2020,
            ("Spotlight",),
        ),
        ("J. Doe. Awards Are Hard to Parse. ICML 2019.", "ICML", 2019, ()),
    ],
)
def test_awards_after_the_venue_are_awards(entry, venue, year, awards):
    parsed = parse_text(f"Jane Doe\n\nPublications\n1. {entry}\n", as_of=AS_OF)

    (paper,) = parsed.publications
    assert (paper.venue, paper.year, tuple(paper.awards)) == (venue, year, awards)
    assert not parsed.unparsed
