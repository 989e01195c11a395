"""What other tools read: BibTeX entries, CSV rows, a person's JSON document, and the
metadata of profile and paper pages (schema.org JSON-LD and Highwire `citation_*` tags).

Private contact data never leaves through here: no phones or postal addresses, and e-mail
addresses only of people whose `show_email` is on.
"""

import csv
import io
import json
import re
import string
from itertools import batched

import bibtexparser
from anyascii import anyascii
from bibtexparser.library import Library
from bibtexparser.middlewares.parsestack import default_unparse_stack
from bibtexparser.model import Entry, Field
from bibtexparser.writer import BibtexFormat
from pylatexenc.latexencode import UnicodeToLatexEncoder

from profiles.importer.from_json import load_with_lines
from profiles.importer.vocab import GROUP_AUTHOR_WORDS
from profiles.models import Paper, Person
from profiles.templatetags.portfolio import safe_url

# Rows a streamed export reads per query; prefetches (authors, current jobs) go by the chunk.
CHUNK = 1000

# BibTeX ----------------------------------------------------------------------------------

ENTRY_TYPES = {
    "conference": "inproceedings",
    "journal": "article",
    "preprint": "misc",
    "book": "book",
    "thesis": "phdthesis",
    # biblatex and reference managers know @patent; BibTeX styles print it as @misc.
    "patent": "patent",
    "other": "misc",
}
VENUE_FIELDS = {
    "conference": "booktitle",
    "journal": "journal",
    "book": "publisher",
    "thesis": "school",
}
MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
# Lower-case words that start a surname: 'Ludwig van Beethoven' -> 'van Beethoven, Ludwig'.
PARTICLES = {"da", "das", "de", "del", "della", "der", "di", "dos", "du", "la", "le", "ten"}
PARTICLES |= {"ter", "van", "von", "zu"}
SUFFIXES = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"}
KEY_STOP_WORDS = {"a", "an", "the", "on", "of", "in", "for", "to", "and", "with", "towards"}
KEY_STOP_WORDS |= {"toward", "via", "from", "at", "by", "is", "are", "do", "does", "how", "what"}
_CJK = re.compile(r"[\u1100-\u11ff\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]")
_AND = re.compile(r"\band\b", re.IGNORECASE)

# Escapes LaTeX's specials (& % $ # _ { } ~ ^ \) and accents; CJK has no LaTeX form and is
# kept as UTF-8, which XeLaTeX, LuaLaTeX and biber read.
_encode_latex = UnicodeToLatexEncoder(
    unknown_char_policy="keep",
    unknown_char_warning=False,
    replacement_latex_protection="braces-all",
    non_ascii_only=False,
).unicode_to_latex
# The characters the encoder changes. Most names and titles have none, and the encoder costs
# about 10 µs a call, most of a whole-site export's time.
_LATEX_CHANGES = re.compile(r'[^\x00-\x7f]|["#$%&<>\\^_{}~]')


def _latex(text):
    return _encode_latex(text) if _LATEX_CHANGES.search(text) else text


def _bibtex_format():
    style = BibtexFormat()
    style.indent = "  "
    style.block_separator = "\n"
    return style


def byline(paper):
    """The authors a paper names, in order: not those added because their CV lists it."""
    return [a for a in paper.authorships.all() if not a.listed_by_owner]


def split_name(name):
    """(first, von last, suffix) of a name as written: 'Ludwig van Beethoven Jr.' ->
    ('Ludwig', 'van Beethoven', 'Jr.'); a single word is a last name."""
    words = name.split()
    suffix = ""
    if len(words) > 2 and words[-1].lower() in SUFFIXES:
        suffix = words.pop()
    start = len(words) - 1
    for index, word in enumerate(words[1:-1], start=1):
        if word in PARTICLES:
            start = index
            break
    return " ".join(words[:start]), " ".join(words[start:]), suffix


def _as_written(name):
    """Group authors ('GLM Team'), names in CJK scripts, names holding the word 'and'."""
    return bool(GROUP_AUTHOR_WORDS.search(name) or _CJK.search(name) or _AND.search(name))


def bibtex_name(name):
    """An author as BibTeX reads one: 'Élodie Marchand' -> 'Marchand, {\\'E}lodie'.

    Names already written 'Last, First' and single words stay as written; _as_written()
    names are braced whole, so that BibTeX neither splits nor reorders them.
    """
    name = " ".join(name.split())
    if "," in name or " " not in name:
        return _latex(name)
    if _as_written(name):
        return "{" + _latex(name) + "}"
    first, last, suffix = split_name(name)
    parts = [last, suffix, first] if suffix else [last, first]
    return ", ".join(_latex(part) for part in parts)


def _ascii_word(text):
    return re.sub(r"[^a-z0-9]", "", anyascii(text).lower())


def citation_key(paper, authors):
    """first author's last name + year + first significant title word:
    'Jane Roe', 2022, 'RIVER: Sparse Models of Rivers ...' -> 'roe2022river'."""
    surname = "anon"
    if authors:
        name = authors[0].name
        if "," in name:
            last = name.split(",")[0]
        else:
            last = name if _as_written(name) else split_name(name)[1]
        surname = _ascii_word(last) or "anon"
    words = (_ascii_word(word) for word in paper.title.split())
    word = next((w for w in words if w and w not in KEY_STOP_WORDS), "")
    return f"{surname[:30]}{paper.year or ''}{word[:20]}"


class CitationKeys:
    """Unique keys within one export: the second paper with a key gets 'b' appended, the
    third 'c', and so on, in the export's order."""

    def __init__(self):
        self.used = set()

    def __call__(self, paper, authors):
        base = key = citation_key(paper, authors)
        n = 1
        while key in self.used:
            key = base + (string.ascii_lowercase[n] if n < 26 else str(n + 1))
            n += 1
        self.used.add(key)
        return key


def bibtex_entry(paper, keys):
    authors = byline(paper)
    names = [bibtex_name(a.name) for a in authors]
    if paper.authors_truncated:
        names.append("others")
    venue = paper.venue_full or paper.venue
    fields = [("author", " and ".join(names)), ("title", _latex(paper.title))]
    if venue:
        fields.append((VENUE_FIELDS.get(paper.kind, "howpublished"), _latex(venue)))
    if paper.year:
        fields.append(("year", str(paper.year)))
    if paper.date:
        fields.append(("month", MONTHS[paper.date.month - 1]))
    if paper.arxiv_id:
        fields += [("eprint", _latex(paper.arxiv_id)), ("archivePrefix", "arXiv")]
        if paper.category:
            fields.append(("primaryClass", _latex(paper.category)))
    if url := _web_url(paper.safe_links()):
        # Written as is: styles print it verbatim with \url, where escapes would show.
        fields.append(("url", url.replace("{", "%7B").replace("}", "%7D")))
    notes = [] if paper.status == Paper.Status.PUBLISHED else [paper.get_status_display()]
    if notes or paper.safe_awards():
        fields.append(("note", _latex("; ".join([*notes, *paper.safe_awards()]))))
    return Entry(
        ENTRY_TYPES.get(paper.kind, "misc"),
        keys(paper, authors),
        [
            # A month is a BibTeX macro (jun), written without braces.
            Field(key, value, enclosing="no-enclosing" if key == "month" else None)
            for key, value in fields
            if value
        ],
    )


def bibtex(papers, keys=None):
    """One BibTeX entry per paper, in order, as a string."""
    keys = keys or CitationKeys()
    library = Library([bibtex_entry(paper, keys) for paper in papers])
    if not library.entries:
        return ""
    stack = default_unparse_stack(allow_inplace_modification=True)
    return bibtexparser.write_string(library, unparse_stack=stack, bibtex_format=_bibtex_format())


def bibtex_stream(papers):
    """bibtex() for many papers, written a chunk at a time, with keys unique over them all."""
    keys = CitationKeys()
    for index, chunk in enumerate(batched(papers, CHUNK)):
        yield ("\n" if index else "") + bibtex(chunk, keys)


# CSV -------------------------------------------------------------------------------------

PERSON_COLUMNS = [
    "name",
    "url",
    "headline",
    "location",
    "current_organizations",
    "papers",
    "first_year",
    "latest_year",
    "homepage",
    "emails",
]
PAPER_COLUMNS = [
    "title",
    "url",
    "authors",
    "year",
    "date",
    "kind",
    "status",
    "venue",
    "venue_full",
    "arxiv_id",
    "has_code",
    "awards",
    "links",
]


def person_rows(people, absolute):
    """CSV rows of people from PersonQuerySet.for_list(); absolute(path) makes URLs whole."""
    for chunk in batched(people, CHUNK):
        for person in Person.objects.add_counts(list(chunk)):
            yield [
                person.name,
                absolute(person.get_absolute_url()),
                person.headline,
                person.location,
                "; ".join(job.organization.name for job in person.current_jobs),
                person.paper_count,
                person.first_year,
                person.latest_year,
                safe_url(person.homepage),
                "; ".join(person.public_emails()),
            ]


def paper_rows(papers, absolute):
    """CSV rows of papers from PaperQuerySet.for_list()."""
    for paper in papers:
        authors = [a.name for a in byline(paper)] + (["et al."] if paper.authors_truncated else [])
        yield [
            paper.title,
            absolute(paper.get_absolute_url()),
            "; ".join(authors),
            paper.year,
            paper.date,
            paper.kind,
            paper.status,
            paper.venue,
            paper.venue_full,
            paper.arxiv_id,
            "yes" if paper.has_code else "no",
            "; ".join(paper.safe_awards()),
            " ".join(_web_urls(paper.safe_links())),
        ]


def csv_cell(value):
    """A spreadsheet shows a cell starting with = + - @ (or a tab or CR) as a formula's
    result; a leading ' makes it text."""
    if value is None:
        return ""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def csv_stream(columns, rows):
    """The header at once, then the rows a few hundred at a time, as UTF-8 text with a byte
    order mark: without it Excel reads UTF-8 as a legacy code page."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(columns)
    yield "\ufeff" + buffer.getvalue()
    for chunk in batched(rows, 500):
        buffer.seek(0)
        buffer.truncate()
        writer.writerows([csv_cell(value) for value in row] for row in chunk)
        yield buffer.getvalue()


# The person's JSON document --------------------------------------------------------------


def person_document(person):
    """A person as the import preview object of IMPORT_JSON.md: what import_portfolios reads
    back. `person` comes from PersonQuerySet.for_profile(); `line` is where each record starts
    in the JSON text (see person_json)."""
    return {
        "source": f"{person.slug}.json",
        "sha256": None,  # the hash of the file's bytes cannot be inside the file
        "person": {
            "name": person.name,
            "emails": list(person.public_emails()),
            "phones": [],
            "homepage": person.homepage or None,
            "links": person.safe_links(),
            "headline": person.headline or None,
            "location": person.location or None,
            "metrics": person.metrics if isinstance(person.metrics, dict) else {},
        },
        "education": [
            {
                "institution": entry.organization.name,
                "degree": entry.degree or None,
                "degree_text": entry.degree_text or None,
                "field": entry.field or None,
                "start": entry.start,
                "end": entry.end,
                "current": entry.current,
                "expected": entry.expected,
                "advisor": entry.advisor or None,
                "gpa": entry.gpa or None,
                "location": entry.location or None,
                "details": entry.safe_details(),
                "line": None,
            }
            for entry in person.education.all()
        ],
        "jobs": [
            {
                "organization": job.organization.name,
                "title": job.title or None,
                "location": job.location or None,
                "start": job.start,
                "end": job.end,
                "current": job.current,
                "details": job.safe_details(),
                "line": None,
            }
            for job in person.jobs.all()
        ],
        "publications": [_publication(paper, person) for paper in Paper.objects.for_export(person)],
        "sections": [
            {"title": title, "items": [item.text for item in items], "line": None}
            for title, items in person.grouped_sections()
        ],
        "unparsed": [],
    }


def _publication(paper, person):
    return {
        "title": paper.title,
        "authors": [
            {
                "name": a.name,
                "equal_contribution": a.equal_contribution,
                "is_owner": a.public_person == person,
            }
            for a in byline(paper)
        ],
        "authors_truncated": paper.authors_truncated,
        "venue": paper.venue or None,
        "venue_full": paper.venue_full or None,
        "year": paper.year,
        "date": paper.date.isoformat() if paper.date else None,
        "kind": paper.kind,
        "status": paper.status,
        "awards": paper.safe_awards(),
        "links": paper.safe_links(),
        "abstract": paper.abstract or None,
        "line": None,
        "category": paper.category or None,
        "arxiv_id": paper.arxiv_id or None,
        "has_code": paper.has_code,
    }


def person_json(person):
    """person_document() as indented JSON text, each record's `line` set to the line where
    the record starts in this text, as `line` means in a preview of a text document."""
    text = json.dumps(person_document(person), ensure_ascii=False, indent=2)
    document, lines = load_with_lines(text)
    for key in ("education", "jobs", "publications", "sections"):
        for record in document[key]:
            record["line"] = lines[id(record)][0]
    # Numbers in place of nulls change no line, so the lines found above stay true.
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


# Page metadata ---------------------------------------------------------------------------


def person_jsonld(person, absolute):
    """schema.org Person for a profile from PersonQuerySet.for_profile()."""
    data = {
        "@context": "https://schema.org",
        "@type": "Person",
        "name": person.name,
        "url": absolute(person.get_absolute_url()),
        "description": person.headline,
        "email": [f"mailto:{email}" for email in person.public_emails()],
        "alumniOf": _organizations(
            (entry.organization for entry in person.education.all()),
            "EducationalOrganization",
            absolute,
        ),
        "worksFor": _organizations(
            (job.organization for job in person.jobs.all() if job.current),
            "Organization",
            absolute,
        ),
        "sameAs": _web_urls([{"url": person.homepage}, *person.safe_links()]),
    }
    return {key: value for key, value in data.items() if value}


def _organizations(organizations, kind, absolute):
    unique = {organization.pk: organization for organization in organizations}
    return [
        {"@type": kind, "name": o.name, "url": absolute(o.get_absolute_url())}
        for o in unique.values()
    ]


def _web_urls(links):
    """The http(s) URLs of a record's [{"label": ..., "url": ...}], in order."""
    urls = (safe_url(link.get("url")) for link in links if isinstance(link, dict))
    return [url for url in urls if url.startswith(("http://", "https://"))]


def _web_url(links):
    return next(iter(_web_urls(links)), "")


def paper_jsonld(paper, absolute):
    """schema.org ScholarlyArticle for a paper from PaperQuerySet.for_list()."""
    authors = []
    for authorship in byline(paper):
        author = {"@type": "Person", "name": authorship.name}
        if authorship.public_person is not None:
            author["url"] = absolute(authorship.public_person.get_absolute_url())
        authors.append(author)
    venue = paper.venue_full or paper.venue
    data = {
        "@context": "https://schema.org",
        "@type": "ScholarlyArticle",
        "name": paper.title,
        "headline": paper.title,
        "url": absolute(paper.get_absolute_url()),
        "author": authors,
        "datePublished": paper.date.isoformat() if paper.date else paper.year and str(paper.year),
        "isPartOf": {"@type": "CreativeWork", "name": venue} if venue else None,
        "abstract": paper.abstract,
        "award": paper.safe_awards(),
        "sameAs": f"https://arxiv.org/abs/{paper.arxiv_id}" if paper.arxiv_id else None,
    }
    return {key: value for key, value in data.items() if value}


CITATION_VENUE_TAGS = {
    "conference": "citation_conference_title",
    "journal": "citation_journal_title",
    "thesis": "citation_dissertation_institution",
    "book": "citation_publisher",
}


def citation_meta(paper):
    """[(name, content)] of the Highwire Press tags Google Scholar and Zotero read."""
    tags = [("citation_title", paper.title)]
    tags += [("citation_author", a.name) for a in byline(paper)]
    if paper.date:
        tags.append(("citation_publication_date", paper.date.strftime("%Y/%m/%d")))
    elif paper.year:
        tags.append(("citation_publication_date", str(paper.year)))
    venue = paper.venue_full or paper.venue
    if venue and paper.kind in CITATION_VENUE_TAGS:
        tags.append((CITATION_VENUE_TAGS[paper.kind], venue))
    if paper.arxiv_id:
        tags.append(("citation_arxiv_id", paper.arxiv_id))
    pdfs = [link for link in paper.safe_links() if link["label"].upper() == "PDF"]
    if url := _web_url(pdfs):
        tags.append(("citation_pdf_url", url))
    return tags
