import re
import textwrap
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from profiles.importer import vocab
from profiles.importer.interpret.citations import (
    parse_venue,
    split_publication_entries,
    status_of,
)
from profiles.importer.parse import parse_text
from profiles.importer.segment import Line, heading_kind

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
        # the publisher after the venue is not the venue; 'the IEEE' is part of one
        ("Neural Networks, Elsevier, 2021", ("Neural Networks", None, 2021, None)),
        ("Hydrology Letters MDPI", ("Hydrology Letters", None, None, None)),
        ("Proceedings of the IEEE, 2020", ("Proceedings of the IEEE", None, 2020, None)),
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


def read_entries(body, heading="Publications"):
    """(title, year, status, kind, venue) of each paper under one publications heading."""
    text = f"# Jane Doe\n\n## {heading}\n\n" + textwrap.dedent(body)
    return [
        (p.title, p.year, p.status, p.kind, p.venue)
        for p in parse_text(text, as_of=AS_OF).publications
    ]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # Author-year: a bare year or a status word after the byline's final stop.
        (
            "Okafor A.B., Lindqvist K., and M. Chen. 2021. Rivers in flood. *Hydrology Letters*\n",
            [("Rivers in flood", 2021, "published", "journal", "Hydrology Letters")],
        ),
        (
            "Okafor, A., Lindqvist, K., and B. Rosado. *in revision* . Roots of dry forests. "
            "submitted to *Forest Ecology*\n",
            [("Roots of dry forests", None, "under review", "other", "Forest Ecology")],
        ),
        (
            "Okafor, A., & Chen, M. (accepted 2024). Pair bonds in voles. *Ethology*.\n",
            [("Pair bonds in voles", 2024, "forthcoming", "other", "Ethology")],
        ),
        (
            "Okafor A. [and 12 others including Chen M.]. *in press* . Fine roots. *Plant Biology*\n",
            [("Fine roots", None, "forthcoming", "other", "Plant Biology")],
        ),
        # The title may hold sentences when the venue is in italics.
        (
            "- Okafor A and Chen M (2020) A Map of Rivers. The Delta, 1900-1950. *River History* "
            "15(1): 1-20.\n",
            [
                (
                    "A Map of Rivers. The Delta, 1900-1950",
                    2020,
                    "published",
                    "journal",
                    "River History",
                )
            ],
        ),
        (
            "- Okafor A (2019) Old maps. In: Chen M (eds), *A Book of Maps*. Leiden: Brill.\n",
            [("Old maps", 2019, "published", "book", "A Book of Maps")],
        ),
        # Title first, with the year in a column before it.
        (
            "- 2024 Planning under threat. Okafor AB, Chen M. *Cognitive Letters* .\n",
            [("Planning under threat", 2024, "published", "journal", "Cognitive Letters")],
        ),
        # A Vancouver byline ends in an initial.
        (
            "- Okafor AB, Chen M. Rivers and floods: a trial. *Hydrology Letters* .\n",
            [("Rivers and floods: a trial", None, "published", "journal", "Hydrology Letters")],
        ),
        # No authors at all: a venue with a year, numbers or a DOI.
        (
            "- Rivers in flood plains of the south. Hydrol Lett. 2022 Jan 12;4(2):1-9. "
            "doi: 10.1000/xyz.\n",
            [("Rivers in flood plains of the south", 2022, "published", "journal", "Hydrol Lett")],
        ),
        (
            "- Rivers in flood plains of the south. Hydrology Letters.19:234.2014. DOI:10.1000/x.\n",
            [
                (
                    "Rivers in flood plains of the south",
                    2014,
                    "published",
                    "journal",
                    "Hydrology Letters",
                )
            ],
        ),
        # German quotes and 'u. a.' (et al.).
        (
            "- [1] A. Okafor *u. a.* , „Harmonics in Big Grids“, *Power Letters* , Bd. 19, 2025.\n",
            [("Harmonics in Big Grids", 2025, "published", "journal", "Power Letters")],
        ),
        # A journal paper's arXiv id gives neither its kind nor its year.
        (
            "- **Okafor, A.** ; Chen, M., *Halo Masses in Cold Gas* , ApJ, 962, 62. "
            "(arXiv:2306.07371).\n",
            [("Halo Masses in Cold Gas", None, "published", "journal", "ApJ")],
        ),
        # Reviews of others' work are not publications.
        (
            "- Okafor A (2020) Rivers in flood. *River History* 15(1): 1-20.\n"
            "- Review of M Chen, Old Maps (Leiden: Brill, 2019) in: *River History* (2021).\n",
            [("Rivers in flood", 2020, "published", "journal", "River History")],
        ),
    ],
)
def test_citation_styles(body, expected):
    assert read_entries(body) == expected


def test_a_table_with_the_year_or_status_in_its_first_column():
    """Papers that leave their owner out of the byline: the margin's year or status, a
    venue with pages, and co-authors as '(with ...)'; a paper given at a meeting, with its
    days and no pages, is a talk and not a publication."""
    body = """\
    | Year | Paper |
    |---|---|
    | 2023 | “Open Rivers for All.” *Journal of River Studies* 41:33–46. |
    | Under Review | “Listening to Floods.” In *Handbook of Floods*, 173–95. Leiden: Brill. |
    | 2018 | “Old Maps of the Delta” (with Mei Chen). *River History* 37 (1–2): 174–87. |
    | 2026 | “Floods as Exposure.” Rivers and Cities. Northfield University, Canada. May 6–8. |
    """
    assert read_entries(body) == [
        ("Open Rivers for All", 2023, "published", "journal", "Journal of River Studies"),
        ("Listening to Floods", None, "under review", "book", "Handbook of Floods"),
        ("Old Maps of the Delta", 2018, "published", "other", "River History"),
    ]


def test_run_in_status_label_holds_for_the_entries_after_it():
    body = """\
    - 2021 Rivers in flood. Okafor AB, Chen M. *Hydrology Letters* .

    **Under Review** Okafor AB, Chen M. Roots of dry forests.

    **In Preparation** Okafor AB. Old maps of the delta.

    Chen M, Okafor AB. New maps of the delta.
    """
    assert [(title, year, status) for title, year, status, *_ in read_entries(body)] == [
        ("Rivers in flood", 2021, "published"),
        ("Roots of dry forests", None, "under review"),
        ("Old maps of the delta", None, "in preparation"),
        ("New maps of the delta", None, "in preparation"),
    ]


def test_year_lines_over_citations_and_kind_topics():
    body = """\
    ### Refereed Articles

    2019
      Okafor, Ada. "Rivers in Flood." *Hydrology Letters*, 7(2): 150-161.

    ### Chapters in Edited Volumes

    2005
      Okafor, Ada and Min Chen. "Old Maps of the Delta." In *A Book of Maps*, edited by L. Vos.
    """
    assert [(title, year, kind) for title, year, _, kind, _ in read_entries(body)] == [
        ("Rivers in Flood", 2019, "journal"),
        ("Old Maps of the Delta", 2005, "book"),
    ]


@pytest.mark.parametrize(
    ("heading", "kind"),
    [
        ("Veröffentlichungen (Auswahl)", "publications"),
        ("Publications et production scientifique", "publications"),
        ("Peer-reviewed articles", "publications:journal"),
        ("Peer-reviewed chapters in books", "publications:book"),
        ("Doctoral Thesis", "publications:thesis"),
        ("Non peer-reviewed", "publications"),
        ("Book reviews", None),
        ("Scholarships", "free"),
    ],
)
def test_publication_headings(heading, kind):
    assert heading_kind(heading) == kind


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("in preparation", "in preparation"),
        ("Manuscript in prep.", "in preparation"),
        ("in revision", "under review"),
        ("R&R at Ecology", "under review"),
        ("revise and resubmit", "under review"),
        ("conditionally accepted", "forthcoming"),
        ("im Druck", "forthcoming"),
        ("submitted to Ecology", "submitted"),
        ("Coming soon", "forthcoming"),
        ("Available soon", "forthcoming"),
        ("Rivers in flood", None),
    ],
)
def test_status_words(text, status):
    assert status_of(text) == status


@pytest.mark.parametrize(
    ("entry", "authors", "venue", "kind"),
    [
        ("Ben Sample. Example Studies. In ICML, 2022.", ["Ben Sample"], "ICML", "conference"),
        (
            "Roe, P., & Doe, G. (2026). Learning from rivers. *Journal of Water*, 3, 1-9.",
            ["P. Roe", "G. Doe"],
            "Journal of Water",
            "journal",
        ),
    ],
)
def test_the_venue_cue_and_the_last_initial(entry, authors, venue, kind):
    parsed = parse_text(f"Jane Doe\n\nPublications\n\n- {entry}\n", as_of=AS_OF)
    (paper,) = parsed.publications
    assert ([a.name for a in paper.authors], paper.venue, paper.kind) == (authors, venue, kind)


def test_full_names_with_middle_initials_in_a_byline():
    """'Ann B. Okafor and Mei L. Chen. Title.': the stop after an initial does not end the
    byline; the surname after it runs to the list's 'and'."""
    text = (
        "# Jane Doe\n\n## Publications\n\n"
        "Ann B. Okafor and Mei L. Chen. Rivers in flood plains of the south. Hydrology "
        "Letters, 2019.\n\n"
        "Mei L. Chen, Ann B. Okafor, and Jane Doe. Roots of dry forests. Forest Ecology, 2021.\n\n"
        "Jane A. Doe and W. J. Bryan Roy. Maps of the delta. In Proceedings of the River "
        "Conference, pages 385--387, 1991.\n"
    )
    papers = parse_text(text, as_of=AS_OF).publications
    assert [(p.title, p.year, [a.name for a in p.authors]) for p in papers] == [
        ("Rivers in flood plains of the south", 2019, ["Ann B. Okafor", "Mei L. Chen"]),
        ("Roots of dry forests", 2021, ["Mei L. Chen", "Ann B. Okafor", "Jane Doe"]),
        ("Maps of the delta", 1991, ["Jane A. Doe", "W. J. Bryan Roy"]),
    ]


def test_table_rows_with_a_year_column_open_entries():
    """Rows '2025 | citation' with no blank line between them (a PDF's table) each start a
    paper, after an entry of another shape; a row's wrapped line stays with it."""
    texts = [
        "**Under Review** Okafor A, Chen M. Roots of dry forests. *Forest Ecology*.",
        "2025 | Okafor A, Chen M. Rivers in flood plains of the",
        "south. *Hydrology Letters* 12",
        "2024 | Chen M, Okafor A. Old maps of the delta. *River History* 3",
    ]
    lines = [Line(number=n, raw=t, text=t) for n, t in enumerate(texts, start=1)]
    entries = split_publication_entries(lines, as_of=AS_OF)[0]
    assert [[line.number for line in entry] for entry in entries] == [[1], [2, 3], [4]]


def test_a_markdown_table_of_papers_after_a_list():
    """A table's rows read as papers after a list's, each with its year column."""
    body = """\
    - Okafor A, Chen M. Roots of dry forests. *Forest Ecology*, 2023.

    | 2025 | Okafor A, Chen M. Rivers in flood plains. *Hydrology Letters*. |
    |---|---|
    | 2024 | Chen M, Okafor A. Old maps of the delta. *River History*. |
    """
    assert [(title, year, status) for title, year, status, _, _ in read_entries(body)] == [
        ("Roots of dry forests", 2023, "published"),
        ("Rivers in flood plains", 2025, "published"),
        ("Old maps of the delta", 2024, "published"),
    ]


def test_unmarked_entries_that_end_with_numbers_and_titles_across_links():
    """Entries with no bullet or blank line between them (text taken from a PDF): one ends
    with its numbers where the next line opens a byline 'Surname, I.'; a quoted title may
    run across two links."""
    body = """\
    Okafor, A. and M. Chen [“Rivers in flood plains of](https://doi.org/10.1/a)
    [the south”](https://doi.org/10.1/a), *Hydrology Letters* (2026) Vol 12, No. 3
    Chen, M., A. Okafor and B. Rosado “Roots of dry forests”, *Forest Ecology* (2025) Vol 4, No. 1
    """
    papers = parse_text(f"# Jane Doe\n\n## Publications\n\n{textwrap.dedent(body)}", as_of=AS_OF)
    got = [(p.title, p.year, p.venue, [link.url for link in p.links]) for p in papers.publications]
    assert got == [
        (
            "Rivers in flood plains of the south",
            2026,
            "Hydrology Letters",
            ["https://doi.org/10.1/a"],
        ),
        ("Roots of dry forests", 2025, "Forest Ecology", []),
    ]


def test_a_byline_or_title_inside_a_link_is_read_as_text():
    """A listing links each entry's byline or title to its page: the words are read, the
    link kept; a short label ('[PDF]') stays a link only."""
    body = (
        "- [Okafor, A., Chen, M. and Rosado, B.](https://example.org/abs/1) (2019). Rivers in "
        "flood plains. *Hydrology Letters*, 12(3), 4–5. [PDF](https://example.org/1.pdf)\n"
    )
    parsed = parse_text(f"# Jane Doe\n\n## Publications\n\n{body}", as_of=AS_OF)
    (paper,) = parsed.publications
    assert (paper.title, paper.year, paper.venue) == (
        "Rivers in flood plains",
        2019,
        "Hydrology Letters",
    )
    assert [a.name for a in paper.authors] == ["A. Okafor", "M. Chen", "B. Rosado"]
    assert sorted(link.url for link in paper.links) == [
        "https://example.org/1.pdf",
        "https://example.org/abs/1",
    ]


def test_numbered_papers_that_name_only_the_coauthors():
    """A mathematician's list: 'N. Title, with A. Roy. Venue **31** (2025), 195—222.' and
    preprints that count their pages; the numbers open entries where the list was lost."""
    body = """\
    19. Rivers of the north: a narrative from maps to models,
      with C. Okafor. 23 pages, 2025
      18. *Cp*-floods in the delta, with D. Chan, B. Rosado. 13 pages, 2024.
    """
    parsed = parse_text(
        f"# Jane Doe\n\n## Preprints\n\n{textwrap.dedent(body)}\n## Publications\n\n"
        "- Residue sums of river basins, with J. Harbour, M. Lee. *J. River Theory* **264** "
        "(2024) pp. 1—26.\n",
        as_of=AS_OF,
    )
    got = [(p.title, p.year, p.venue, p.kind, p.details) for p in parsed.publications]
    assert got == [
        (
            "Rivers of the north: a narrative from maps to models",
            2025,
            None,
            "preprint",
            ("with C. Okafor",),
        ),
        ("Cp-floods in the delta", 2024, None, "preprint", ("with D. Chan, B. Rosado",)),
        (
            "Residue sums of river basins",
            2024,
            "J. River Theory",
            "journal",
            ("with J. Harbour, M. Lee",),
        ),
    ]


def test_a_citation_number_opens_an_entry_where_the_list_was_lost():
    """Text extraction keeps '18. Title' but not the list: the number opens the entry, even
    where the line above ends without a stop; a year is no such number."""
    texts = [
        "19. Rivers of the north, with C. Okafor. 23 pages, 2025",
        "  18. *Cp*-floods in the delta, with D. Chan. 13 pages, 2024",
        "  2019. Chen M. Maps.",
    ]
    lines = [
        Line(number=n, raw=t, text=t.strip(), indent=len(t) - len(t.lstrip()))
        for n, t in enumerate(texts, start=1)
    ]
    entries = split_publication_entries(lines, as_of=AS_OF)[0]
    assert [[line.number for line in entry] for entry in entries] == [[1], [2, 3]]


def test_in_review_after_the_venue_is_a_status_not_a_book():
    body = (
        "Ann B. Okafor and Mei L. Chen. Evaluating floods in a two layer river model. "
        "Journal of Experimental Hydrology, 1999. In Review.\n"
    )
    (paper,) = parse_text(f"# Jane Doe\n\n## Publications\n\n{body}", as_of=AS_OF).publications
    assert (paper.title, paper.year, paper.status, paper.venue) == (
        "Evaluating floods in a two layer river model",
        1999,
        "under review",
        "Journal of Experimental Hydrology",
    )


def test_chicago_ditto_authors_and_the_year_in_parentheses():
    """'———.' stands for the authors of the entry above; '6 (November 13, 2017): 1995' was
    published in 2017, on page 1995."""
    body = """\
    + Okafor, Ann, and Mei Chen. “Rivers in Flood Plains.” *Hydrology Letters* 6 (November 13, 2017): 1995. https://doi.org/10.1/x.
    + ———. “Roots of Dry Forests.” *Forest Ecology* 5 (March 2, 2018): e3068.
    """
    papers = parse_text(
        f"# Jane Doe\n\n## Publications\n\n{textwrap.dedent(body)}", as_of=AS_OF
    ).publications
    assert [(p.title, p.year, [a.name for a in p.authors]) for p in papers] == [
        ("Rivers in Flood Plains", 2017, ["Ann Okafor", "Mei Chen"]),
        ("Roots of Dry Forests", 2018, ["Ann Okafor", "Mei Chen"]),
    ]


def test_titles_run_into_their_bylines_with_the_status_below():
    """A website's list with its links lost: 'Title Authors and **Owner**', then the status
    and venue in italics a blank line below, or the byline on a line of its own."""
    body = """\
    - Floods in the delta: farm-level evidence from Lakeside Ann Roy, Mei L. Chen and **Jane Doe**

    *R&R (R2), American Journal of River Economics*

    - Rivers and Markets in Spatial Equilibrium with Ivan Rudik and **Jane Doe** *Resubmitted (R1), Nature Water*

    - Recovering Preferences of River Managers

    Bruno Rosado, Mei L. Chen and **Jane Doe**

    *Submitted, Journal of Water Policy*
    """
    papers = parse_text(
        f"# Jane Doe\n\n## Working Papers\n\n{textwrap.dedent(body)}", as_of=AS_OF
    ).publications
    got = [(p.title, p.status, p.venue, [a.name for a in p.authors]) for p in papers]
    assert got == [
        (
            "Floods in the delta: farm-level evidence from Lakeside",
            "under review",
            "American Journal of River Economics",
            ["Ann Roy", "Mei L. Chen", "Jane Doe"],
        ),
        (
            "Rivers and Markets in Spatial Equilibrium",
            "under review",
            "Nature Water",
            ["Ivan Rudik", "Jane Doe"],
        ),
        (
            "Recovering Preferences of River Managers",
            "submitted",
            "Journal of Water Policy",
            ["Bruno Rosado", "Mei L. Chen", "Jane Doe"],
        ),
    ]


def test_numbers_in_bold_a_lone_owner_and_a_topic_over_a_legend():
    """Word lists bold the number with the owner ('**1. Doe JA** , Roy B. Title.'), or alone
    ('**2.** Roy B, **Doe JA** . Title.'); a heading right under the section's heading is a
    topic of it, here over the list's key to its marks."""
    body = """\
    # Research Investigations

    \\* Senior author

    **1. Doe JA** , Roy B, Chen M. Floods in cell culture. *Tissue Rivers.* 2010 Aug; 16(4): 661-670.

    **2. Doe JA** . Warning labels on rivers: an improper solution? *Lung Rivers.* 2014 Jul 12;5: 33-34.

    **3.** Roy B, **Doe JA** , Chen M. Hair cells of the delta. *J Rivers.* 2012; 32(4): 1-9.
    """
    parsed = parse_text(
        f"# Jane Doe\n\n# Peer-Reviewed Publications\n\n{textwrap.dedent(body)}", as_of=AS_OF
    )
    got = [(p.title, p.year, [a.name for a in p.authors], p.topic) for p in parsed.publications]
    assert got == [
        ("Floods in cell culture", 2010, ["Doe JA", "Roy B", "Chen M"], "Research Investigations"),
        (
            "Warning labels on rivers: an improper solution?",
            2014,
            ["Doe JA"],
            "Research Investigations",
        ),
        ("Hair cells of the delta", 2012, ["Roy B", "Doe JA", "Chen M"], "Research Investigations"),
    ]


def test_later_papers_nested_under_the_first_by_a_conversion():
    """A conversion nested a list's later items under its first: each nested line that holds
    a whole paper (italic venue, numbers, year) is a paper; a short nested note is not."""
    body = """\
    - Rivers of the north, with C. Okafor. *Journal of Rivers* **31** (2025), 195—222.
      - Residue sums of river basins, with J. Harbour. *J. River Theory* **264** (2024) pp. 1—26.
      - Best paper award, 2024
    """
    papers = parse_text(
        f"# Jane Doe\n\n## Publications\n\n{textwrap.dedent(body)}", as_of=AS_OF
    ).publications
    assert [(p.title, p.year, p.venue) for p in papers] == [
        ("Rivers of the north", 2025, "Journal of Rivers"),
        ("Residue sums of river basins", 2024, "J. River Theory"),
    ]


@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_every_status_starts_with_a_letter_the_status_patterns_look_for(data):
    """The status patterns skip words whose first letter no status starts with: a status
    rule starting with another letter would never be found."""
    for _, pattern in vocab.STATUS_RULES:
        status = data.draw(st.from_regex(re.compile(pattern, re.IGNORECASE), fullmatch=True))
        assert status[:1].lower() in vocab.STATUS_FIRST_LETTERS, status


def test_a_listing_of_bylines_and_journal_citations_over_their_titles():
    """Astronomers' listings: the byline (the owner in bold, inside the link), the year or
    none, the journal by abbreviation, volume and page, and the title after a line break."""
    html = """<html><body><h1>Jane Doe</h1><h2>Publications</h2><ol>
<li><a href="https://example.org/abs/1"><b>Doe, Jane</b> Roe, B., Lee, K.</a> ApJ, 872, 54
<br> Salt in the disk of a young star
<li><a href="https://example.org/abs/2"><b>Doe, Jane</b> ; Roe, B.</a> 2018 ApJL, 864, L17
<br> A high cluster formation efficiency
<li><a href="https://example.org/abs/3"><b>Doe, Jane</b>, Lee, Kim, and Roe, Ben</a> 2013, ApJ,
779, 50 <br> A measurement of turbulence in a cloud
</ol></body></html>"""
    parsed = parse_text(html, source="cv.html", as_of=AS_OF)
    got = [(p.title, p.year, p.venue) for p in parsed.publications]
    assert got == [
        ("Salt in the disk of a young star", None, "ApJ"),
        ("A high cluster formation efficiency", 2018, "ApJL"),
        ("A measurement of turbulence in a cloud", 2013, "ApJ"),
    ]
    assert [[a.name for a in p.authors if a.is_owner] for p in parsed.publications] == [
        ["Jane Doe"]
    ] * 3
    assert [a.name for a in parsed.publications[0].authors] == ["Jane Doe", "B. Roe", "K. Lee"]


@pytest.mark.parametrize("number", ["{n}.", "[{n}]", "{n})"])
@pytest.mark.parametrize("source", ["cv.txt", "cv.md"])
def test_a_list_numbered_past_999_keeps_every_entry(number, source):
    """Numbers of four digits continue a list (a year at a line's start does not): 1,005
    numbered citations are 1,005 papers, none folded into the one before."""
    entries = [
        number.format(n=n)
        + f" A. Roe, B. Lee. Study number {n} of rivers. Journal of Rivers, 2020."
        for n in range(1, 1006)
    ]
    text = "\n".join(["JANE ROE", "", "PUBLICATIONS", "", *entries])
    parsed = parse_text(text, source=source, as_of=AS_OF)
    assert len(parsed.publications) == 1005
    assert parsed.publications[-1].title == "Study number 1005 of rivers"
    assert parsed.unparsed == ()
