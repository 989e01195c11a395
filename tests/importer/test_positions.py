"""Degrees, heads of entries and sections as CVs write them."""

import pytest

from profiles.importer.interpret.positions import (
    match_degree,
    merge_duplicate_jobs,
    parse_positions,
    read_head,
)
from profiles.importer.parse import parse_text
from profiles.importer.records import Job
from profiles.importer.segment import Block, Line, heading_kind, is_role


@pytest.mark.parametrize(
    ("text", "degree"),
    [
        ("Ph.D. in Computer Science", "Ph.D."),
        ("Doctor of Philosophy, Physics", "Ph.D."),
        ("DPhil in Engineering Science", "Ph.D."),
        ("MBA", "MBA"),
        ("M.Eng. in Software Engineering", "M.Eng."),
        ("MSc Data Science", "M.S."),
        ("Master of Science in Statistics", "M.S."),
        ("Master's degree, Economics", "M.S."),
        ("Master of Arts in Linguistics", "M.A."),
        ("Master of Fine Arts, Creative Writing", "M.A."),
        ("M.A. History", "M.A."),
        ("B.Eng. Electrical Engineering", "B.Eng."),
        ("BSc (Hons) Mathematics", "B.S."),
        ("Bachelor of Science in Biology", "B.S."),
        ("Bachelor's degree in Physics", "B.S."),
        ("Bachelor of Arts in Philosophy", "B.A."),
        ("Bachelor's of Arts, Music", "B.A."),
        ("B.A. (Hons) English", "B.A."),
        ("High School Diploma", "High School"),
        ("Research Intern", None),
        ("Promotion", "Ph.D."),
        ("Dr. rer. nat. in Chemie", "Ph.D."),
        ("Doctorat en biologie", "Ph.D."),
        ("Sc.D. in Epidemiology", "Ph.D."),
        ("Dipl.\u2011Ing. der Maschinenbau", "Dipl.-Ing."),  # a non-breaking hyphen
        ("Abschluss: Dipl.-Ing. Elektrotechnik", "Dipl.-Ing."),
        ("Master 2 Biologie", "M.S."),
        ("M.D. with Honors", "M.D."),
        ("MD Anderson Cancer Center", None),
        ("MBBS, Medicine", "MBBS"),
        ("J.D., Law", "J.D."),
        ("LL.M. in International Law", "LL.M."),
        ("M.P.A., Public Administration", "M.P.A."),
        ("MPH in Epidemiology", "M.P.H."),
        ("B.Tech. in Civil Engineering", "B.Tech."),
        ("M.Tech Computer Science", "M.Tech."),
        ("B.E. Mechanical Engineering", "B.E."),
        ("A.B. in History", "B.A."),
        ("S.M. in Physics", "M.S."),
        ("Ed.D. in Leadership", "Ed.D."),
        ("Pharm.D.", "Pharm.D."),
        ("Medical doctor", None),
        ("B.M. in Composition", "B.M."),
        ("M.Mus. Piano", "M.M."),
        ("MFA in Poetry", "M.F.A."),
        ("BFA Painting", "B.F.A."),
        ("DMA in Conducting", "D.M.A."),
    ],
)
def test_degrees_are_normalised(text, degree):
    assert match_degree(text)[0] == degree


@pytest.mark.parametrize(
    ("heading", "kind"),
    [
        ("Recent Employment History", "experience"),
        ("Previous positions", "experience"),
        ("Appointments at Hospitals/Affiliated Institutions", "experience"),
        ("Beruflicher Werdegang", "experience"),
        ("Expérience professionnelle", "experience"),
        ("Stages", "experience"),
        ("Experiencia laboral", "experience"),
        ("Cursus", "education"),
        ("Formación académica", "education"),
        ("Akademische Ausbildung", "education"),
        ("Opleiding", "education"),
        ("Teaching Experience", "free"),
        ("Academic Experience", "experience"),
        ("Academic Background", "education"),
        ("Academic", None),  # academic service as often as an education
        ("Education Experience", "education"),
        ("Projekte (Auswahl)", "free"),
        ("Editorial Positions", None),
        ("Visiting Positions", "experience"),
        ("COLLEGE FACULTY POSITIONS", "experience"),
        ("Tenure-track appointments", "experience"),
        ("Committee Appointments", None),
        # a head noun with qualifiers of the writer's own
        ("Scholarly Publications", "publications"),
        ("Selected Conference Papers (cont'd)", "publications:conference"),
        ("Working Papers & Work in Progress", "publications:preprint"),
        ("Papers in Preparation", "publications:preprint"),
        ("Technical Reports", "publications"),
        ("Thesis & Dissertation", "publications:thesis"),
        ("Invited Talks", "free"),
    ],
)
def test_section_headings(heading, kind):
    assert heading_kind(heading) == kind


def _lines(*texts):
    """Lines as the tree gives them: '  ' in front for an indented description."""
    lines = []
    for number, text in enumerate(texts, start=1):
        stripped = text.lstrip(" ")
        lines.append(Line(number=number, raw=text, text=stripped, indent=len(text) - len(stripped)))
    return lines


def _head(education, *texts):
    head = read_head(_lines(*texts), education=education)
    span = head.span
    return head.org, head.degree if education else head.role, span and (span.start, span.end)


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        # before: the whole line was the institution, no degree
        (
            ["2016 – 2019 **Northfield University** , PhD, Geology"],
            ("Northfield University", "Ph.D.", ("2016", "2019")),
        ),
        # before: 'Geology, Northfield University' lost the institution to the field
        (
            ["1998", "  BA, Geology, Northfield University"],
            ("Northfield University", "B.A.", (None, "1998")),
        ),
        # before: 'Northfield University, .' kept the dangling full stop
        (
            ["**M.S.** , Lakeside School of Forestry, Northfield University, 2008."],
            ("Lakeside School of Forestry, Northfield University", "M.S.", (None, "2008")),
        ),
    ],
)
def test_education_heads(texts, expected):
    assert _head(True, *texts) == expected


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        # before: the role ran up to the last comma
        (
            ["2020 - present Research associate - Centre for Tides, Northfield University"],
            ("Centre for Tides, Northfield University", "Research associate", ("2020", None)),
        ),
        # before: no organisation, the entry was dropped
        (
            ["2021-2022: Research Intern", "  Institute of Coastal Studies"],
            ("Institute of Coastal Studies", "Research Intern", ("2021", "2022")),
        ),
        # before: 'Data Analyst Contract' was the organisation
        (
            ["2022-2023: Data Analyst Contract", "  Harbour Research Institute"],
            ("Harbour Research Institute", "Data Analyst Contract", ("2022", "2023")),
        ),
        # before: the bold title was the organisation, the institute the title
        (
            ["**Lecturer in Maritime History** | Sept 2018 – Feb 2019", "*Northfield University*"],
            ("Northfield University", "Lecturer in Maritime History", ("2018-09", "2019-02")),
        ),
        # before: no date, the line was not an entry
        (
            ["Present **Lakeside University** , Assistant Professor"],
            ("Lakeside University", "Assistant Professor", (None, None)),
        ),
        # before: the place and what the post was for were one detail, no organisation
        (
            ["Visiting Scientist, Lakeside University, grant on Floods (A. Roy & B. Sen), 2018."],
            ("Lakeside University", "Visiting Scientist", ("2018", "2018")),
        ),
        # before: a post 'employee' was no role, and a name with no org word no organisation
        (
            ["2019-2020: Casual employee (Analyst)", "  Health Canada (Office of Food Policy)"],
            (
                "Health Canada (Office of Food Policy)",
                "Casual employee (Analyst)",
                ("2019", "2020"),
            ),
        ),
        # before: a name of thirteen words read as a sentence
        (
            [
                "2021-2022: Research Intern",
                "  Research center of the *Institut Universitaire de Cardiologie et de "
                "Pneumologie de Lakeside*",
            ],
            (
                "Research center of the Institut Universitaire de Cardiologie et de "
                "Pneumologie de Lakeside",
                "Research Intern",
                ("2021", "2022"),
            ),
        ),
        # before: the sentence after the name was part of the organisation
        (
            [
                "2004 - 2005: Research Intern",
                "  Lakeside State University. Researched the physical factors of pollution "
                "in local watersheds and rivers.",
            ],
            ("Lakeside State University", "Research Intern", ("2004", "2005")),
        ),
        # before: the stop left where the date was kept the place from reading as one
        (
            ["Visiting Scientist, Lakeside University, 2018."],
            ("Lakeside University", "Visiting Scientist", ("2018", "2018")),
        ),
    ],
)
def test_job_heads(texts, expected):
    assert _head(False, *texts) == expected


def test_the_sentence_after_the_employer_stays_a_detail():
    head = read_head(
        _lines(
            "2004 - 2005: Research Intern",
            "  Lakeside State University. Researched the physical factors of pollution in "
            "local watersheds and rivers.",
        ),
        education=False,
    )
    assert head.details == [
        "Researched the physical factors of pollution in local watersheds and rivers"
    ]


def test_a_career_section_sends_degrees_to_education():
    block = Block(kind="experience", title="Werdegang", heading=None, rank=2)
    block.lines = _lines(
        "**Wissenschaftlicher Mitarbeiter** *Technische Universität Nordstadt*",
        "  *seit Jan. 2010*",
        "**Promotion** *Technische Universität Nordstadt*",
        "  *Jan. 2010 – Okt. 2015*",
        "**Studium** *Technische Universität Nordstadt*",
        "  *Okt. 2004 – Dez. 2009*",
        "Abschluss: Dipl.-Ing. der Elektrotechnik",
    )
    education, jobs = parse_positions(block)
    assert [(e.institution, e.degree, e.start, e.end) for e in education] == [
        ("Technische Universität Nordstadt", "Ph.D.", "2010-01", "2015-10"),
        ("Technische Universität Nordstadt", "Dipl.-Ing.", "2004-10", "2009-12"),
    ]
    assert [(j.organization, j.title, j.start, j.current) for j in jobs] == [
        ("Technische Universität Nordstadt", "Wissenschaftlicher Mitarbeiter", "2010-01", True)
    ]


def test_an_education_section_sends_postdocs_to_jobs():
    block = Block(kind="education", title="Cursus", heading=None, rank=2)
    block.lines = _lines(
        "**Lakeside University**, *Postdoctoral Fellow* | 2022–Present",
        "**Lakeside University**, *Visiting Scholar* | 2020–2021",
        "**Lakeside University**, *Ph.D. in Economics* | 2016–2021",
    )
    education, jobs = parse_positions(block)
    # A visiting scholar may be a student: it stays where the CV lists it.
    assert [(e.institution, e.degree) for e in education] == [
        ("Lakeside University", "Visiting Scholar"),
        ("Lakeside University", "Ph.D."),
    ]
    assert [(j.organization, j.title, j.current) for j in jobs] == [
        ("Lakeside University", "Postdoctoral Fellow", True)
    ]


def test_labelled_fields_under_items():
    """Each entry an item, its fields sub-items with labels ('Where:', 'When' with no colon)."""
    block = Block(kind="experience", title="Employment", heading=None, rank=2)
    block.lines = _lines(
        "Lead engineer and founder",
        "  Where: Brightwater Labs GmbH",
        "  When 2019/10/01-Present",
        "Research assistant",
        "  Where: Northfield University, Department of Statistics",
        "  When: 2013-2014",
        "  Defense: 2020.04.17",
    )
    education, jobs = parse_positions(block)
    assert education == []
    assert [(j.organization, j.title, j.start, j.end, j.current, j.details) for j in jobs] == [
        ("Brightwater Labs GmbH", "Lead engineer and founder", "2019-10", None, True, ()),
        (
            "Northfield University, Department of Statistics",
            "Research assistant",
            "2013",
            "2014",
            False,
            ("Defense: 2020.04.17",),
        ),
    ]
    assert [j.lines for j in jobs] == [(1, 2, 3), (4, 5, 6, 7)]


def test_labelled_rows_of_a_table():
    """A table of 'Label: | value' rows per entry; an entry starts where its first label
    comes again, and rows with no label stay with the label above them."""
    block = Block(kind="education", title="Education", heading=None, rank=2)
    block.lines = _lines(
        "Degree: | **Ph.D. in Marine Physics**",
        "Period: | **2015 — 2020**",
        "University: | Northfield University, Northfield, United Kingdom",
        "Thesis Title: | *Waves over shelves*",
        "Supervisors: | **1st**: Prof. Ann Moreau (Northfield University, UK)",
        "**2nd**: Dr. Tal Ezra (Lakeside University, USA)",
        "Degree: | **M.Sc. in Environmental Sciences**",
        "Period: | **2011 — 2014**",
        "Institution: | Lakeside University, Lakeside, Italy",
    )
    education, jobs = parse_positions(block)
    assert jobs == []
    got = [
        (e.institution, e.degree, e.field, e.start, e.end, e.location, e.advisor, e.details)
        for e in education
    ]
    assert got == [
        (
            "Northfield University",
            "Ph.D.",
            "Marine Physics",
            "2015",
            "2020",
            "Northfield, United Kingdom",
            "Ann Moreau, Tal Ezra",
            ("Thesis Title: | Waves over shelves",),
        ),
        (
            "Lakeside University",
            "M.S.",
            "Environmental Sciences",
            "2011",
            "2014",
            "Lakeside, Italy",
            None,
            (),
        ),
    ]


def test_labelled_title_gives_degree_and_field():
    """The unlabelled line over labelled fields in education: the degree and what follows."""
    head = read_head(
        _lines(
            "Research Master Social Sciences", "  Where: Northfield University", "  When: 2012-2014"
        ),
        education=True,
    )
    assert (head.org, head.degree, head.degree_text, head.field) == (
        "Northfield University",
        "M.S.",
        "Research Master",
        "Social Sciences",
    )
    workshop = read_head(
        _lines("Incident response workshop", "  Where: Otterly Training", "  When: June 19, 2019"),
        education=True,
    )
    assert (workshop.org, workshop.degree, workshop.field) == (
        "Otterly Training",
        None,
        "Incident response workshop",
    )


def test_one_labelled_degree_is_not_a_labelled_entry():
    """'Abschluss:' alone under a dated head is a detail line the head reader knows."""
    head = read_head(
        _lines(
            "**Studium** *Technische Universität Nordstadt*",
            "  *Okt. 2004 – Dez. 2009*",
            "Abschluss: Dipl.-Ing. der Elektrotechnik",
        ),
        education=True,
    )
    assert (head.org, head.degree) == ("Technische Universität Nordstadt", "Dipl.-Ing.")


def test_a_heading_per_post_under_experience():
    """Converted documents give every heading one size: a heading that names a post, under
    'Experience', is the title of an entry whose next line holds the employer and the dates,
    with the project after the dates."""
    text = "\n".join(
        [
            "# Jane Doe",
            "# Research Experience",
            "# Doctoral Fellow",
            "Institute of Rivers, Northfield University, Norway   2022 – Present Floods in "
            "cities: from models to policy. Supervisor name: Prof. Ann Moreau",
            "- Built flood models.",
            "# Medical doctor",
            "Lakeside Hospital, Oslo, Norway   2017 – 2020",
            "# Skills",
            "Python",
        ]
    )
    parsed = parse_text(text, source="cv.md")
    assert [(j.organization, j.title, j.start, j.end, j.current) for j in parsed.jobs] == [
        ("Institute of Rivers, Northfield University", "Doctoral Fellow", "2022", None, True),
        ("Lakeside Hospital", "Medical doctor", "2017", "2020", False),
    ]
    assert parsed.jobs[0].advisor == "Ann Moreau"
    assert parsed.jobs[0].details == (
        "Floods in cities: from models to policy.",
        "Built flood models.",
    )
    assert [s.title for s in parsed.sections] == ["Skills"]


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("Doctoral Fellow", True),
        ("Medical doctor", True),
        ("Research statistician", True),
        ("Doctor of Philosophy", False),
        ("Research", False),
        ("Lakeside Hospital", False),
        # the head noun before a preposition, and posts joined by a slash
        ("Special assistant to the Minister", True),
        ("Market Operations Trainee/Analyst", True),
        ("Institute for Research", False),
        ("Chief Resident", True),
    ],
)
def test_is_role(text, role):
    assert is_role(text) is role


def test_posts_listed_under_their_employer():
    """An employer's name over lines that each open with their dates: one job per line, all
    at that employer; a unit the line names joins the title."""
    block = Block(kind="experience", title="Academic Positions", heading=None, rank=2)
    block.lines = _lines(
        "**Northfield University**",
        "2024–present | Associate Professor of Music, Department of Composition",
        "2025–present | Director, Music Research Center",
        "Chair of the board of studies",
        "2015–22 | Researcher",
        "**Lakeside Conservatory**, Lecturer, 2012–2015",
    )
    _, jobs = parse_positions(block)
    got = [(j.organization, j.title, j.start, j.end, j.current, j.details) for j in jobs]
    assert got == [
        (
            "Northfield University",
            "Associate Professor of Music",
            "2024",
            None,
            True,
            ("Department of Composition",),
        ),
        (
            "Northfield University",
            "Director, Music Research Center",
            "2025",
            None,
            True,
            ("Chair of the board of studies",),
        ),
        ("Northfield University", "Researcher", "2015", "2022", False, ()),
        ("Lakeside Conservatory", "Lecturer", "2012", "2015", False, ()),
    ]
    assert [j.lines for j in jobs] == [(1, 2), (3, 4), (5,), (6,)]


def test_rows_of_cells_are_entries_and_rows_of_events_are_not():
    """'Role | Organisation | Place | Dates' rows (a LaTeX CV class's entries, a table) each
    start an entry, a lone year or season in a cell of its own dating it; rows dated to the
    day are events (talks, interviews), not posts."""
    block = Block(kind="experience", title="Experience", heading=None, rank=2)
    block.lines = _lines(
        "Data scientist | Brightwater Tracking LLC | Oslo, Norway | Jul. 2020 - Present",
        "  Built data pipelines.",
        "Summer 2019 | Harbour Economics, *Economist Intern* | London, UK",
        "Landscape Ecologist | Northfield Research Institute | Duluth, MN | Aug. 2016 - Jun. 2020",
    )
    _, jobs = parse_positions(block)
    got = [(j.organization, j.title, j.start, j.end, j.location) for j in jobs]
    assert got == [
        ("Brightwater Tracking LLC", "Data scientist", "2020-07", None, "Oslo, Norway"),
        ("Harbour Economics", "Economist Intern", "2019-06", "2019-06", "London, UK"),
        (
            "Northfield Research Institute",
            "Landscape Ecologist",
            "2016-08",
            "2020-06",
            "Duluth, MN",
        ),
    ]
    events = Block(kind="experience", title="Recent activities", heading=None, rank=2)
    events.lines = _lines(
        "2019/05/24 | Panel | Fake journals | Northfield Board Meeting",
        "2018/04/24 | Talk | Open data | Lakeside University",
    )
    assert len(parse_positions(events)[1]) < 2  # not a post per row


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        # 'Org : **Degree** ...' under its years
        (
            ["2006-2007", "  ENS Lakeside : **Master 2** ISFB (Structural Biology), with honours."],
            ("ENS Lakeside", "M.S.", ("2006", "2007")),
        ),
        # '**Degree** at Org, ...'
        (
            ["2015-2019", "  **PhD** at Northfield University, supervised by Prof. Ann Moreau."],
            ("Northfield University", "Ph.D.", ("2015", "2019")),
        ),
    ],
)
def test_an_entry_told_in_a_sentence_under_its_date(texts, expected):
    assert _head(True, *texts)[0] == expected[0]
    head = read_head(_lines(*texts), education=True)
    assert (head.org, head.degree) == expected[:2]


def test_a_post_told_in_a_sentence_in_an_education_list_is_a_job():
    block = Block(kind="education", title="Cursus", heading=None, rank=2)
    block.lines = _lines(
        "2010",
        "  **Post-doctorat** à l'Institut Lakeside de Paris, équipe de biologie structurale.",
        "",
        "2007-2010",
        "  ENS Lakeside : **Doctorat** de biochimie.",
    )
    education, jobs = parse_positions(block)
    assert [(j.organization, j.title, j.start) for j in jobs] == [
        ("Institut Lakeside de Paris", "Post-doctorat", "2010")
    ]
    assert [(e.institution, e.degree, e.start, e.end) for e in education] == [
        ("ENS Lakeside", "Ph.D.", "2007", "2010")
    ]
    assert [j.lines for j in jobs] + [e.lines for e in education] == [(1, 2), (4, 5)]


def test_degree_field_institution_rows():
    """'Degree | Field | Institution | Year' rows: the field comes before the institution."""
    block = Block(kind="education", title="Education", heading=None, rank=2)
    block.lines = _lines(
        "Ph.D. | Resource Economics | Northfield University | 2013",
        "M.P.A. | Public Administration | Lakeside University (Maxwell) | 2006",
    )
    education, _ = parse_positions(block)
    assert [(e.institution, e.degree, e.field, e.end) for e in education] == [
        ("Northfield University", "Ph.D.", "Resource Economics", "2013"),
        ("Lakeside University (Maxwell)", "M.P.A.", "Public Administration", "2006"),
    ]


def test_degrees_listed_under_their_institution():
    """An institution over lines that each open with a degree and give its year: one record
    per degree, all at that institution."""
    block = Block(kind="education", title="Education", heading=None, rank=2)
    block.lines = _lines(
        "**Northfield University** | Oslo, Norway",
        "Ph.D. in Astronomy, Advisor: Prof. Ann Moreau | 2015–2021",
        "**–** Thesis: *First stars*",
        "M.Phil. in Astronomy | 2018",
        "M.A. in Astronomy | 2017",
        "**Lakeside Institute of Science** | Pune, India",
        "B.S.-M.S. in Physics | 2010–2015",
    )
    education, _ = parse_positions(block)
    got = [(e.institution, e.degree, e.start, e.end, e.advisor) for e in education]
    assert got == [
        ("Northfield University", "Ph.D.", "2015", "2021", "Ann Moreau"),
        ("Northfield University", "M.Phil.", None, "2018", None),
        ("Northfield University", "M.A.", None, "2017", None),
        ("Lakeside Institute of Science", "B.S.", "2010", "2015", None),
    ]
    assert [e.lines for e in education] == [(1, 2, 3), (4,), (5,), (6, 7)]


def test_items_dated_by_a_month_or_a_closing_year_are_entries():
    """Items that give one date, a month and year or a year after a comma at the end, are
    entries of their own like items with a range; a year inside a title is not a date."""
    block = Block(kind="experience", title="Visiting positions", heading=None, rank=2)
    block.lines = _lines(
        "- Reader in Psychology, School of Psychology, Northfield University, August 2012.",
        "- Visiting Scientist, Lakeside University, 2018.",
        "- Research Fellow, Institute of Rivers, Oslo, Norway, 2008–2013.",
        "- Visiting Scientist, University of Harbourtown, Canada, 2005, 2011.",
        "- Organiser of Workshop 2019 on Floods",
    )
    for line in block.lines:
        line.bullet = "-"
        line.text = line.text[2:]
    _, jobs = parse_positions(block)
    assert [(j.organization, j.title, j.start) for j in jobs] == [
        ("School of Psychology, Northfield University", "Reader in Psychology", "2012-08"),
        ("Lakeside University", "Visiting Scientist", "2018"),
        ("Institute of Rivers", "Research Fellow", "2008"),
        ("University of Harbourtown", "Visiting Scientist", "2005"),
    ]
    assert jobs[-1].lines == (4, 5)


def test_role_at_organisation_items():
    """'**Research Assistant at Northfield University** (Jun 2021 – Jul 2021). What was done'
    and a converted document's own bullet inside the list's item."""
    text = "\n".join(
        [
            "# Jane Doe",
            "## Academic Experience",
            "- **Research Assistant at Northfield University** (Jun 2021 – Jul 2021). Coding.",
            "- • **Teaching Associate at Northfield University** (Oct 2017 – Mar 2020).",
        ]
    )
    jobs = parse_text(text, source="cv.md").jobs
    assert [(j.organization, j.title, j.start, j.end) for j in jobs] == [
        ("Northfield University", "Research Assistant", "2021-06", "2021-07"),
        ("Northfield University", "Teaching Associate", "2017-10", "2020-03"),
    ]


def test_twins_are_one_job_and_two_posts_at_one_time_are_two():
    job = Job(
        organization="Northfield University",
        title="Research Assistant",
        start="2016-05",
        end="2016-08",
        current=False,
        location=None,
        details=(),
        line=1,
        lines=(1,),
    )
    twin = Job(
        organization="Northfield University, School of Rivers",
        title=None,
        start="2016-05",
        end="2016-08",
        current=False,
        location=None,
        details=("Mapping",),
        line=9,
        lines=(9,),
    )
    other = Job(
        organization="Northfield University",
        title="Freelance Writer",
        start="2016-05",
        end="2016-08",
        current=False,
        location=None,
        details=(),
        line=3,
        lines=(3,),
    )
    merged, merges = merge_duplicate_jobs([job, other, twin])
    assert [(j.title, j.lines) for j in merged] == [
        ("Research Assistant", (1, 9)),
        ("Freelance Writer", (3,)),
    ]
    assert merges == [(job, twin)]


def test_posts_that_share_only_dates_and_a_word_are_not_merged():
    """Six interns and engineers in the same years at organisations that share a word (or
    none): six jobs. A merge needs one organisation, or one title; what it merges is said in
    the preview's warnings."""
    text = "\n".join(
        [
            "# Jane Roe",
            "## Experience",
            "- Research Intern, Helix Research Asia, 2019-2020",
            "- Software Engineer Intern, Helix Cloud, 2019-2020",
            "- Research Intern, Lakeside Labs, 2019-2020",
            "- Data Scientist, Lakeside Hospital, 2019-2020",
            "- Research Engineer, Northfield Robotics, 2019-2020",
            "- Software Engineer, Northfield Foods, 2019-2020",
            "## Selected Positions",
            "- Research Intern, Helix Research Asia, Technical Architecture, 2019-2020",
        ]
    )
    parsed = parse_text(text, source="cv.md")
    assert [(j.organization, j.title) for j in parsed.jobs] == [
        ("Helix Research Asia", "Research Intern"),
        ("Helix Cloud", "Software Engineer Intern"),
        ("Lakeside Labs", "Research Intern"),
        ("Lakeside Hospital", "Data Scientist"),
        ("Northfield Robotics", "Research Engineer"),
        ("Northfield Foods", "Software Engineer"),
    ]
    assert parsed.jobs[0].lines == (3, 10)
    assert [w for w in parsed.warnings if "merged" in w] == [
        "line 10: 'Research Intern, Helix Research Asia, Technical Architecture' is read as "
        "the same job as line 3 ('Research Intern, Helix Research Asia', same dates) and "
        "merged into it"
    ]


def test_one_post_per_line_with_no_blank_line_between():
    """'Role, Organisation (dates)' lines one under another are one job each; an acronym
    leading the title names the organisation, the one word after the comma the place."""
    block = Block(kind="experience", title="Previous Employment", heading=None, rank=2)
    block.lines = _lines(
        "Assistant Professor, Northfield University (2019-2023)",
        "NRAO Jansky Fellow, Socorro (2016-2019)",
        "ESO Fellow, Garching (2013-2016)",
    )
    _, jobs = parse_positions(block)
    got = [(j.organization, j.title, j.location, j.start, j.end) for j in jobs]
    assert got == [
        ("Northfield University", "Assistant Professor", None, "2019", "2023"),
        ("NRAO", "NRAO Jansky Fellow", "Socorro", "2016", "2019"),
        ("ESO", "ESO Fellow", "Garching", "2013", "2016"),
    ]
    assert [j.lines for j in jobs] == [(1,), (2,), (3,)]


def test_editorial_posts_committees_and_qualified_experience_headings():
    """'Editorial and Writing Experience' lists posts ('Music Editor – Lakeside Times': the
    post, then a name with no org word); committee and panel service among them is no job."""
    text = "\n".join(
        [
            "# Jane Doe",
            "## Editorial and Writing Experience",
            "- **Music Editor – Lakeside Times** (Aug 2016 – June 2017)",
            "- **Committee Member for UK Rivers Conference 2020** (Jan 2020 – Mar 2020)",
            "- **Panel Chair for Floods Workshop** (July 2020)",
            "## Programming Experience",
            "- Python (2015 – 2020)",
        ]
    )
    parsed = parse_text(text, source="cv.md")
    assert [(j.organization, j.title, j.start) for j in parsed.jobs] == [
        ("Lakeside Times", "Music Editor", "2016-08")
    ]
    assert [u.line for u in parsed.unparsed][:2] == [4, 5]


@pytest.mark.parametrize(
    ("heading", "kind"),
    [
        ("Editorial and Writing Experience", "experience"),
        ("Volunteer Experience", "experience"),
        ("Programming Experience", None),
        ("Teaching Experience", "free"),
    ],
)
def test_qualified_experience_headings(heading, kind):
    assert heading_kind(heading) == kind


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        (
            [
                "2007",
                "  Stage de 6 mois au sein du Laboratoire de Chimie (UMR 8601 CNRS). *Étude*.",
            ],
            ("Laboratoire de Chimie", "Stage", ("2007", "2007")),
        ),
        (
            [
                "2005",
                "  Stage de 7 semaines au Laboratoire de Biotechnologies à l'ENS Lakeside dans "
                "l'équipe d'enzymologie.",
            ],
            ("Laboratoire de Biotechnologies à l'ENS Lakeside", "Stage", ("2005", "2005")),
        ),
        (
            ["2019", "  Internship of 3 months at the Institute of Rivers, modelling floods."],
            ("Institute of Rivers", "Internship", ("2019", "2019")),
        ),
        # a sentence that names no post stays a detail
        (["2019", "  Visited the Institute of Rivers twice."], (None, None, ("2019", "2019"))),
    ],
)
def test_a_post_told_in_a_plain_sentence(texts, expected):
    assert _head(False, *texts) == expected


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        # a bold title over the employer's line with its dates
        (
            ["**Research Assistant**", "Lakeside University of Health, Malawi 2015 – 2016"],
            ("Lakeside University of Health", "Research Assistant", ("2015", "2016")),
        ),
        # the employer's name ends with a stop before its dates
        (
            ["### Research Intern", "The River Study - Lakeside Trust. 2015 – 2016"],
            ("The River Study - Lakeside Trust", "Research Intern", ("2015", "2016")),
        ),
    ],
)
def test_title_over_the_dated_employer_line(texts, expected):
    lines = _lines(*texts)
    if texts[0].startswith("### "):
        lines[0].heading, lines[0].text = 3, texts[0][4:]
    head = read_head(lines, education=False)
    assert (head.org, head.role, (head.span.start, head.span.end)) == expected


def test_the_first_entry_without_the_others_mark():
    """A conversion kept the bold of every institution but the first: the lines before the
    first marked entry are an entry too when they name a place and give dates."""
    block = Block(kind="education", title="Education", heading=None, rank=2)
    block.lines = _lines(
        "Northfield University",
        "  Philadelphia, PA",
        "  Ph.D, Mathematics",
        "  2018—2023",
        "**Lakeside University**",
        "  Baltimore, MD",
        "  B.A., Mathematics",
        "  2014—2018",
    )
    education, _ = parse_positions(block)
    assert [(e.institution, e.degree, e.start, e.end) for e in education] == [
        ("Northfield University", "Ph.D.", "2018", "2023"),
        ("Lakeside University", "B.A.", "2014", "2018"),
    ]


def test_titles_that_end_with_their_dates_under_their_employer():
    """An employer over lines that each give a title, then its dates: one job per line."""
    block = Block(kind="experience", title="Faculty Positions", heading=None, rank=2)
    block.lines = _lines(
        "**Northfield University, Appleton, WI**",
        "Associate Professor of Statistics: 2024-present",
        "Assistant Professor of Statistics: 2018-2024",
    )
    _, jobs = parse_positions(block)
    got = [(j.organization, j.title, j.location, j.start, j.end, j.current) for j in jobs]
    assert got == [
        ("Northfield University", "Associate Professor of Statistics", "Appleton, WI", "2024", None, True),
        ("Northfield University", "Assistant Professor of Statistics", None, "2018", "2024", False),
    ]  # fmt: skip
    assert [j.lines for j in jobs] == [(1, 2), (3,)]


def test_a_unit_then_its_institution_and_training_posts_among_degrees():
    """Table rows of a medical CV: the year, the post, the department, the hospital. The
    department is a unit of the hospital; an intern or a resident holds a post, not a
    degree, even in the education table."""
    text = "\n".join(
        [
            "# Jane Roe",
            "## Education",
            "| 2009 – 2015 | M.D. | Medicine | Northfield Medical College |",
            "|---|---|---|---|",
            "| 2015 – 2016 | Intern | Department of Medicine | Lakeside General Hospital |",
            "| 2016 – 2020 | Resident | Division of Psychiatry | Lakeside General Hospital |",
        ]
    )
    parsed = parse_text(text, source="cv.md")
    assert [(e.institution, e.degree, e.end) for e in parsed.education] == [
        ("Northfield Medical College", "M.D.", "2015")
    ]
    got = [(j.organization, j.title, j.start, j.end, j.details) for j in parsed.jobs]
    assert got == [
        ("Lakeside General Hospital", "Intern", "2015", "2016", ("Department of Medicine",)),
        ("Lakeside General Hospital", "Resident", "2016", "2020", ("Division of Psychiatry",)),
    ]


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        # a bold post, then its dates and institution in parentheses
        (
            [
                "- **Postdoctoral Research Assistant** (Nov 2022–Present, Northfield "
                "University) Working on a fellowship project"
            ],
            ("Northfield University", "Postdoctoral Research Assistant", "2022-11", True),
        ),
        # what follows the title's comma is its subject when an institution comes after
        (
            ["| 2022 – | Associate Director, Clinical Studies | Lakeside General Hospital |"],
            ("Lakeside General Hospital", "Associate Director, Clinical Studies", "2022", True),
        ),
        # ... and stays the organisation when nothing names one after it
        (
            ["- Research Engineer, Helix Robotics, 2019 – present"],
            ("Helix Robotics", "Research Engineer", "2019", True),
        ),
    ],
)
def test_the_institution_named_after_the_post(texts, expected):
    text = "\n".join(["# Jane Roe", "## Experience", *texts])
    (job,) = parse_text(text, source="cv.md").jobs
    assert (job.organization, job.title, job.start, job.current) == expected


def test_an_undated_heading_that_names_no_organisation_is_no_job():
    """A sub-heading over a table of events is no employer: with no date and no post, a
    line that does not read as a name ('Recent activities') makes no job."""
    text = "\n".join(
        [
            "# Jane Roe",
            "## Experience",
            "### Recent activities",
            "| When | What | Where |",
            "|---|---|---|",
            "| 2019/05/24 | Panel | Lakeside Board Meeting |",
            "### Employment",
            "- Research assistant, Northfield University, 2013–2014",
        ]
    )
    parsed = parse_text(text, source="cv.md")
    assert "Recent activities" not in [j.organization for j in parsed.jobs]
    assert ("Northfield University", "Research assistant") in [
        (j.organization, j.title) for j in parsed.jobs
    ]
