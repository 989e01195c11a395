from datetime import date

import pytest

from profiles.importer import memo
from profiles.importer.interpret.dates import (
    citation_year,
    is_date_only,
    parse_span,
    resolve_day,
    settle_conventions,
)
from profiles.importer.parse import parse_text
from profiles.importer.records import Span

AS_OF = date(2026, 11, 22)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("August 2020 - June 2025", Span("2020-08", "2025-06")),
        ("09/2020-06/2024", Span("2020-09", "2024-06")),
        ("Aug. 2021 – Jun. 2025 (expected)", Span("2021-08", "2025-06", expected=True)),
        ("Mar. 2024 - Present", Span("2024-03", None, current=True)),
        ("01/2025-Now", Span("2025-01", None, current=True)),
        ("2019–2023", Span("2019", "2023")),
        ("Fall 2019 – Spring 2020", Span("2019-09", "2020-03")),
        ("Mar. 2024 - Sep.2024", Span("2024-03", "2024-09")),
        ("2019.09-2023.06", Span("2019-09", "2023-06")),
        ("since 2021", Span("2021", None, current=True)),
        ("2019-present", Span("2019", None, current=True)),
        ("March 2021 to now", Span("2021-03", None, current=True)),
        ("Oct 2023 – (expected 2027)", Span("2023-10", "2027", expected=True)),
        ("Jul, 2016 - Jul, 2017", Span("2016-07", "2017-07")),
        ("January 2024 - Present (1 year 11 months)", Span("2024-01", None, current=True)),
        ("Sept 2015 until Jun 2019", Span("2015-09", "2019-06")),
        ("2019 - 2017", Span("2019", "2019")),  # a backwards range is not a range
        ("2015--22", Span("2015", "2022")),
        ("2015–22", Span("2015", "2022")),
        ("1998-01", Span("1998-01", "1998-01")),  # a year and month, not 1998-2001
        ("Jan. 2010 \u2011 Okt. 2015", Span("2010-01", "2015-10")),
        ("seit Jan. 2010", Span("2010-01", None, current=True)),
        ("März 2018 bis heute", Span("2018-03", None, current=True)),
        ("févr. 2019 – août 2020", Span("2019-02", "2020-08")),
        ("2019/09/01 - 2020/06/30", Span("2019-09", "2020-06")),
        ("09/15 – 06/19", Span("2015-09", "2019-06")),
        ("03/21--present", Span("2021-03", None, current=True)),
        ("2022 –", Span("2022", None, current=True)),
        ("2022 – | Associate Director", Span("2022", None, current=True)),  # a cell's open end
        ("2019 – Researcher", Span("2019", "2019")),  # a dash between a year and a title
        ("Present", Span(None, None, current=True)),
        ("Presentation of results", None),
        ("1/2 cup", None),
    ],
)
def test_parse_span(text, expected):
    assert parse_span(text) == expected


def test_single_date_is_an_end_for_education():
    assert parse_span("Ph.D., 2019", single="end") == Span(None, "2019")


def test_text_without_dates():
    assert parse_span("Research Intern, Helix Robotics") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("*August 2016 - June 2020*", True),
        ("Oct 2023 – (expected 2027)", True),
        ("January 2024 - Present (1 year 11 months)", True),
        ("**Tsinghua University** 09/2020-06/2024", False),
        ("Visiting student to Cornell University in 2019", False),
        ("Present", True),
        ("Present **Arden University**, Lecturer", False),
    ],
)
def test_is_date_only(text, expected):
    assert is_date_only(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Oct 5, 2022", date(2022, 10, 5)),
        ("Jun 1", date(2026, 6, 1)),  # yearless: the latest Jun 1 not after the capture date
        ("Dec 24", date(2025, 12, 24)),
        ("Nov 22", date(2026, 11, 22)),
        ("Feb 30", None),
        ("Mar 2023", None),  # a month and year is not a day
    ],
)
def test_resolve_day(text, expected):
    assert resolve_day(text, as_of=AS_OF) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("arXiv:2508.06471.", 2025),
        ("IEEE TKDE. 35(2): 1283-1295 (2023)", 2023),
        ("ACL, p. 320-335, 2022.", 2022),
        ("NeurIPS 2024.", 2024),
        ("International Conference on Learning Representations (ICLR).", None),
    ],
)
def test_citation_year(text, expected):
    assert citation_year(text) == expected


@pytest.mark.parametrize(
    ("document", "expected"),
    [
        # '2012-16' is no month: this document writes ranges so
        ("B.S. 2004-08\nM.S. 2009-11\nPh.D. 2012-16", Span("2004", "2008")),
        # '2019-03' cannot be a range (it would end before it starts): a month
        ("B.S. 2004-08\nM.S. 2012-16\nPostdoc 2019-03", Span("2004-08", "2004-08")),
        ("B.S. 2004-08\nM.S. 2012-16\nTalk 2019-05-24", Span("2004-08", "2004-08")),
        # nothing to go by: a year and a month, as on its own
        ("B.S. 2004-08\nM.S. 2009-11", Span("2004-08", "2004-08")),
    ],
)
def test_a_document_settles_what_2004_08_means(document, expected):
    memo.clear()
    try:
        settle_conventions(document)
        assert parse_span("2004-08") == expected
    finally:
        memo.clear()
        settle_conventions("")


def test_parsing_a_document_settles_its_conventions_and_the_next_starts_afresh():
    ranges = "# Jane Roe\n## Education\n- B.S., Northfield University, 2004-08\n"
    ranges += "- Ph.D., Lakeside University, 2012-16\n"
    parsed = parse_text(ranges, source="cv.md")
    assert [(e.start, e.end) for e in parsed.education] == [("2004", "2008"), ("2012", "2016")]
    alone = "# Jane Roe\n## Education\n- B.S., Northfield University, 2004-08\n"
    assert [(e.start, e.end) for e in parse_text(alone, source="cv.md").education] == [
        (None, "2004-08")
    ]
