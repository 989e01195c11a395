"""A researcher's CV as text, in one of three layouts, and where each record starts in it.

    document = render_document(world, world.people[0])
    document.name, document.text  ->  e.g. ("shuning-a-tang.md", "# Shuning A. Tang\n\n...")

The layouts follow common CV conventions, so that the importer reads them back:

- markdown: bold places, italic job titles, numbered publications with full author names,
  the owner's in bold, and quoted titles;
- text: capitalised headings, '•' bullets, citations 'A. Okafor, M. Keller. Title. In
  Proceedings of ..., 2020.' wrapped at 96 columns, grouped under capitalised kinds;
- rst: underlined headings, date lines above indented entries, italic titles, publications
  grouped by kind as reStructuredText subsections.
"""

from dataclasses import dataclass, field

from profiles.synthetic.vocab import EXTENSIONS, MONTH_NAMES, MONTHS

# Publications are grouped by kind under these headings, in this order: a journal's name does
# not always say it is one ('Neuron').
KIND_HEADINGS = (
    ("journal", "Journal articles"),
    ("conference", "Conference papers"),
    ("preprint", "Preprints"),
    ("book", "Books"),
    ("thesis", "Thesis"),
    ("patent", "Patents"),
)
STATUS_PHRASES = {
    "forthcoming": "To appear in",
    "under review": "Under review at",
    "submitted": "Submitted to",
}


@dataclass
class Document:
    name: str  # file name: the slug and the layout's extension
    text: str = ""
    education_lines: list = field(default_factory=list)  # where each entry starts, in order
    job_lines: list = field(default_factory=list)
    section_lines: list = field(default_factory=list)  # one per section item
    paper_lines: dict = field(default_factory=dict)  # World.papers index -> line


class _Lines:
    def __init__(self):
        self.lines = []

    def add(self, *lines):
        """Append lines; returns the number of the first."""
        number = len(self.lines) + 1
        self.lines.extend(lines)
        return number

    def wrap(self, text, *, first, rest, width=96):
        """A paragraph wrapped at spaces, as a plain-text CV wraps it; returns its first line."""
        lines, prefix = [], first
        while len(prefix) + len(text) > width:
            cut = text.rfind(" ", 0, width - len(prefix))
            if cut <= 0:
                break
            lines.append(prefix + text[:cut])
            text, prefix = text[cut + 1 :], rest
        lines.append(prefix + text)
        return self.add(*lines)


def render_document(world, researcher):
    """The researcher's CV in their layout, with the line where each record starts."""
    render = {"markdown": _markdown, "text": _plain_text, "rst": _restructured}[researcher.layout]
    out = _Lines()
    document = Document(name=researcher.slug + EXTENSIONS[researcher.layout])
    render(out, document, world, researcher)
    document.text = "\n".join(out.lines) + "\n"
    return document


def headline(world, researcher):
    job = researcher.jobs[0]
    return f"{job.title}, {world.organizations[job.organization].name}"


def location(world, researcher):
    return world.organizations[researcher.jobs[0].organization].location


def span_text(period, style):
    """'Sep 2015 – Jun 2020', '2015 - 2020', '09/2015 - present' ..., as the style writes."""

    def point(year, month):
        if month is None:
            return str(year)
        if style == "month-name":
            return f"{MONTH_NAMES[month - 1]} {year}"
        if style == "numeric":
            return f"{month:02d}/{year}"
        return f"{MONTHS[month - 1]} {year}"

    start = point(period.start_year, period.start_month)
    if period.current:
        end = {"month": "Present", "month-name": "now"}.get(style, "present")
    else:
        end = point(period.end_year, period.end_month)
    dash = {"years-tight": "–", "month": " – "}.get(style, " - ")
    return f"{start}{dash}{end}"


def written_name(name, person, researcher):
    """An author as the researcher's CV writes them.

    The text and rst layouts abbreviate given names ('A. Okafor'), except the owner's own
    name when its abbreviation would no longer identify them ('K. de Vries').
    """
    if researcher.layout == "markdown":
        return name.full
    if person == researcher.index and not name.plain_initials:
        return name.full
    return name.initials


def shows_awards(researcher):
    # In a plain citation the importer reads 'Best Paper Award' as part of the venue, so the
    # text layout lists awards in its Awards section only.
    return researcher.layout != "text"


def _venue_text(paper, *, short):
    """Where and when, as a citation ends: 'In Proceedings of the ... (ICML), 2020'."""
    venue = paper.venue
    if paper.kind == "preprint":
        return f"arXiv:{paper.arxiv_id}, {paper.year}"
    if paper.kind == "patent":
        return f"{venue.short} No. {paper.patent_number}, {paper.year}"
    if paper.kind == "thesis":
        return f"{venue.full}, {paper.year}"
    where = venue.short if short or not venue.full else f"{venue.full} ({venue.short})"
    if paper.status in STATUS_PHRASES:
        where = f"{STATUS_PHRASES[paper.status]} {where}"
    elif paper.kind == "conference" and not short:
        where = f"In Proceedings of the {where}"
    return f"{where}, {paper.year}"


def _citation_title(title):
    return title if title.endswith("?") else f"{title}."


def _authors(paper, researcher, *, bold_owner=False):
    names = []
    for name, person in paper.authors:
        written = written_name(name, person, researcher)
        names.append(f"**{written}**" if bold_owner and person == researcher.index else written)
    return ", ".join(names)


def _markdown(out, document, world, researcher):
    out.add(f"# {researcher.name.full}", "")
    out.add(f"{location(world, researcher)}  ", f"{headline(world, researcher)}  ")
    out.add(f"Email: {researcher.email}", "")
    out.add("## Education", "")
    for study in researcher.education:
        document.education_lines.append(
            out.add(
                f"**{world.organizations[study.organization].name}**  ",
                f"{study.degree_written} in {study.field}  ",
                span_text(study, researcher.date_style),
                "",
            )
        )
    out.add("## Experience", "")
    for job in researcher.jobs:
        organization = world.organizations[job.organization]
        document.job_lines.append(
            out.add(
                f"**{organization.name}**  ",
                f"*{job.title}*  ",
                f"{span_text(job, researcher.date_style)} · {organization.location}",
                "",
            )
        )
    if researcher.papers:
        out.add("## Publications", "")
        number = 0
        for heading, papers in _by_kind(world, researcher):
            out.add(f"### {heading}", "")
            for index in papers:
                number += 1
                paper = world.papers[index]
                authors = _authors(paper, researcher, bold_owner=True)
                line = (
                    f"{number}. {authors}. “{_citation_title(paper.title)}” "
                    f"{_venue_text(paper, short=False)}."
                )
                if paper.awards:
                    line += f" {paper.awards[0]}."
                if paper.has_code:
                    line += f" [code]({paper.code_url})"
                document.paper_lines[index] = out.add(line)
            out.add("")
    _free_sections(out, document, researcher, lambda title: [f"## {title}", ""], "- ")


def _plain_text(out, document, world, researcher):
    out.add(researcher.name.full, location(world, researcher), headline(world, researcher))
    out.add(f"Email: {researcher.email}")
    if researcher.metrics:
        out.add(
            f"Citations: {researcher.metrics['citations']:,}",
            f"h-index: {researcher.metrics['h_index']}",
        )
    out.add("", "EDUCATION", "")
    for study in researcher.education:
        place = world.organizations[study.organization].name
        document.education_lines.append(
            out.add(
                f"• {study.degree_written} in {study.field}, {place}",
                f"  {span_text(study, researcher.date_style)}",
            )
        )
    out.add("", "EXPERIENCE", "")
    for job in researcher.jobs:
        place = world.organizations[job.organization].name
        document.job_lines.append(
            out.add(f"• {job.title}, {place}", f"  {span_text(job, researcher.date_style)}")
        )
    if researcher.papers:
        out.add("", "PUBLICATIONS")
        for heading, papers in _by_kind(world, researcher):
            out.add("", heading.upper(), "")
            for index in papers:
                paper = world.papers[index]
                text = (
                    f"{_authors(paper, researcher)}. {_citation_title(paper.title)} "
                    f"{_venue_text(paper, short=False)}."
                )
                document.paper_lines[index] = out.wrap(text, first="• ", rest="  ")
    out.add("")
    _free_sections(out, document, researcher, lambda title: [title.upper(), ""], "• ")


def _restructured(out, document, world, researcher):
    rule = "=" * len(researcher.name.full)
    out.add(rule, researcher.name.full, rule, "")
    out.add(location(world, researcher), headline(world, researcher))
    out.add(f":Email: {researcher.email}", "")

    def heading(title, underline="-"):
        return [title, underline * len(title), ""]

    out.add(*heading("Education"))
    for study in researcher.education:
        place = world.organizations[study.organization].name
        document.education_lines.append(
            out.add(
                span_text(study, researcher.date_style),
                f"    {study.degree_written} in {study.field}, {place}",
                "",
            )
        )
    out.add(*heading("Experience"))
    for job in researcher.jobs:
        place = world.organizations[job.organization].name
        document.job_lines.append(
            out.add(span_text(job, researcher.date_style), f"    {job.title}, {place}", "")
        )
    if researcher.papers:
        out.add(*heading("Publications"))
        number = 0
        for title, papers in _by_kind(world, researcher):
            out.add(*heading(title, "~"))
            for index in papers:
                number += 1
                paper = world.papers[index]
                title = f"*{paper.title}*" + ("" if paper.title.endswith("?") else ".")
                text = f"{_authors(paper, researcher)}. {title} {_venue_text(paper, short=True)}."
                if paper.awards:
                    text += f" {paper.awards[0]}."
                document.paper_lines[index] = out.wrap(
                    text, first=f"{number}. ", rest=" " * (len(str(number)) + 2)
                )
            out.add("")
    _free_sections(out, document, researcher, lambda title: heading(title), "- ")


def _by_kind(world, researcher):
    """[(heading, paper indices)] for the kinds the researcher has, newest first in each."""
    groups = {}
    for index in researcher.papers:
        groups.setdefault(world.papers[index].kind, []).append(index)
    return [(heading, groups[kind]) for kind, heading in KIND_HEADINGS if kind in groups]


def _free_sections(out, document, researcher, heading, bullet):
    current = None
    for section, text in researcher.sections:
        if section != current:
            if current is not None:
                out.add("")
            out.add(*heading(section))
            current = section
        document.section_lines.append(out.add(f"{bullet}{text}"))


def listing(paper, researcher, line):
    """The record the researcher's CV gives for a paper, shaped as the importer's preview.

    Keys that would be false or empty are left out, as rebuild_paper() reads them with .get():
    the listings are most of the database's size.
    """
    venue = paper.venue
    authors = []
    for name, person in paper.authors:
        author = {"name": written_name(name, person, researcher)}
        if person == researcher.index:
            author["is_owner"] = True
        authors.append(author)
    record = {
        "title": paper.title,
        "authors": authors,
        "venue": venue.short,
        "year": paper.year,
        "kind": paper.kind,
        "status": paper.status,
        "line": line,
    }
    if venue.full:
        record["venue_full"] = venue.full
    if paper.awards and shows_awards(researcher):
        record["awards"] = list(paper.awards)
    if paper.has_code and researcher.layout == "markdown":  # only markdown CVs link code
        record["links"] = [{"label": "Code", "url": paper.code_url}]
        record["has_code"] = True
    if paper.arxiv_id:
        record["arxiv_id"] = paper.arxiv_id
    return record
