"""BibTeX (and biblatex): a publication list, one `@type{key, field = {value}, ...}` per work.

bibtexparser v2 splits the file into blocks that know their first line, resolves @string
macros and keeps what it cannot parse as failed blocks instead of giving up; pylatexenc's
latex2text turns the TeX in the values (braces, accents, \\textit, $\\beta$) into text. The
entries map straight onto Publication records: the entry type and the standard fields say
what each field is, so no tree is built and nothing is guessed from layout.

A .bib names no one, but a publication list is one person's: the author in most of its
entries (at least half, and three) is the owner, named as the bylines agree (a middle initial
only some of them write is left out: 'Ada S Okafor', 'Ada Okafor' -> 'Ada Okafor'),
and marked in each byline. An import onto an existing person (see save.py) marks that person
instead wherever their name is found.

Limits: a list of a group's papers, where no author is in half of them, names no one.
Software and data deposits are kept as items of a 'Data and software' section, not as
papers. crossref inheritance is not followed; math is kept as its text ('$x^2$' -> 'x^2').
"""

import re
from collections import Counter
from dataclasses import replace

import bibtexparser
from bibtexparser.middlewares.names import (
    InvalidNameError,
    parse_single_name_into_parts,
    split_multiple_persons_names,
)
from bibtexparser.model import Entry, ParsingFailedBlock
from pylatexenc.latex2text import LatexNodes2Text

from profiles.importer import vocab
from profiles.importer.interpret.citations import status_of
from profiles.importer.read import DocumentError
from profiles.importer.records import (
    Author,
    Link,
    ParsedDocument,
    PersonInfo,
    Publication,
    Section,
    Unparsed,
)
from profiles.text import name_key

STRUCTURED = True

# Entry type -> Publication.kind. Types not listed are 'other'.
TYPE_KINDS = {
    "article": "journal",
    "inproceedings": "conference",
    "conference": "conference",
    "proceedings": "conference",
    "book": "book",
    "inbook": "book",
    "incollection": "book",
    "bookinbook": "book",
    "phdthesis": "thesis",
    "mastersthesis": "thesis",
    "thesis": "thesis",
    "patent": "patent",
}
# Kinds that a preprint server's name turns into 'preprint' (a thesis on arXiv is a thesis).
PREPRINT_CAN_OVERRIDE = {"journal", "other"}
# Where a venue is written, most specific first. howpublished holding only a URL is a link.
VENUE_FIELDS = (
    "journal",
    "journaltitle",
    "booktitle",
    "school",
    "institution",
    "publisher",
    "howpublished",
    "organization",
)
# Preprint servers beyond vocab.PREPRINT_WORDS; CoRR is arXiv's name in DBLP exports, and a
# Copernicus "... Discussions" journal holds the preprints of its journal.
PREPRINT_SERVERS = re.compile(
    r"\b(corr|authorea|research ?square|preprints\.org|osf preprints|psyarxiv|socarxiv|"
    r"chemrxiv|eartharxiv|engrxiv|essoar|zenodo preprints?)\b|\bdiscussions\s*$",
    re.IGNORECASE,
)
# DOI prefixes of preprint servers: arXiv, bioRxiv/medRxiv, Authorea, Research Square, SSRN.
PREPRINT_DOI = re.compile(r"^10\.(48550|1101|22541|21203|2139|20944|31219|31234|26434)/")
# Entry types, and `type` field values, that are software or data, not publications.
DEPOSIT_TYPES = {"software", "dataset", "data", "codedata"}
DEPOSIT_TYPE_WORDS = re.compile(
    r"^(data ?set|data|software|computer (program|software)|code|source code|database)$", re.I
)
# Where software and data are deposited: named in a misc entry's fields or its DOI prefix
# (Zenodo, figshare, Dryad, Dataverse, Mendeley Data, ESS-DIVE, institutional figshares).
REPOSITORY_WORDS = re.compile(
    r"\b(zenodo|figshare|dryad|dataverse|mendeley data|github|gitlab|bitbucket|pypi|cran|"
    r"software heritage|code ocean|pangaea)\b",
    re.IGNORECASE,
)
DATA_DOI = re.compile(r"^10\.(5281|6084|5061|7910|17632|15485|25422|24433|1594|5066)/")
DEPOSIT_TITLE = re.compile(
    r"^(data|code|data and code|replication (data|package|files)|dataset)\s+(from|for)\b", re.I
)
SECTION_TITLE = "Data and software"

_LATEX = LatexNodes2Text(math_mode="text")
_URL_COMMAND = re.compile(r"\\url\{([^{}]*)\}")
_HREF_COMMAND = re.compile(r"\\href\{([^{}]*)\}")
_YEAR = re.compile(r"(?<!\d)(\d{4})(?!\d)")
_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_NEW_ARXIV = re.compile(r"(?<![\d.])(\d{4}\.\d{4,5})(v\d+)?(?![\d])")
_OLD_ARXIV = re.compile(r"^[a-z-]+(\.[A-Z]{2})?/\d{7}$")
_DOI = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)?(10\.\d{4,9}/\S+)$", re.I)
_DOMAIN = re.compile(r"^[\w-]+(\.[\w-]+)+(/\S*)?$")
_PUBSTATES = {
    "inpress": "forthcoming",
    "forthcoming": "forthcoming",
    "submitted": "submitted",
    "inpreparation": "forthcoming",
}


def parse(text, *, source, sha256, as_of, warnings=(), encoding="utf-8"):
    """A .bib file's text -> ParsedDocument of its publications.

    parse('@article{k,\\n title={A {Study} of \\\\emph{X}},\\n author={Doe, Jane and others},'
    '\\n journal={Journal of Y}, year=2021}', ...) -> publications (Publication(title='A Study
    of X', authors=(Author('Jane Doe'),), authors_truncated=True, venue='Journal of Y',
    year=2021, kind='journal', line=1, lines=(1, 2, 3, 4)),).
    """
    try:
        library = bibtexparser.parse_string(text)
    except RecursionError:
        raise DocumentError(source, "not readable as BibTeX: nested too deeply") from None
    reader = _Reader(text)
    for block in library.blocks:
        reader.add(block)
    return reader.document(source, sha256, (*warnings, *reader.warnings), encoding)


class _Reader:
    def __init__(self, text):
        self.lines = text.split("\n")
        self.publications, self.deposits, self.deposit_lines = [], [], []
        self.layout, self.unparsed, self.warnings = set(), [], []

    def span(self, block):
        """The 1-based lines of a block: its first line and those its raw text covers."""
        first = (block.start_line or 0) + 1
        return tuple(range(first, first + (block.raw or "").count("\n") + 1))

    def add(self, block):
        lines = self.span(block)
        if isinstance(block, ParsingFailedBlock) and isinstance(block.ignore_error_block, Entry):
            # A duplicate key or field: the entry itself was read; keep it, say so.
            self.warnings.append(f"line {lines[0]}: {_one_line(block.error)}")
            block = block.ignore_error_block
        if isinstance(block, ParsingFailedBlock):
            self.warnings.append(f"line {lines[0]}: not read as BibTeX ({_one_line(block.error)})")
            self.fail(lines)
        elif isinstance(block, Entry):
            self.entry(block, lines)
        else:  # @string, @preamble, @comment and the text between entries
            self.layout.update(lines)

    def fail(self, lines):
        for number in lines:
            if number <= len(self.lines) and self.lines[number - 1].strip():
                self.unparsed.append(Unparsed(number, self.lines[number - 1].strip()))

    def entry(self, entry, lines):
        fields = {field.key.lower(): str(field.value) for field in entry.fields}
        kind = entry.entry_type.lower()
        if is_deposit(kind, fields):
            self.deposits.append(deposit_text(fields))
            self.deposit_lines.append(lines)
            return
        publication = entry_publication(kind, fields, lines)
        if publication is None:
            self.warnings.append(f"line {lines[0]}: @{kind}{{{entry.key}}} has no title")
            self.fail(lines)
        else:
            self.publications.append(publication)

    def document(self, source, sha256, warnings, encoding):
        sections = ()
        if self.deposits:
            lines = tuple(n for span in self.deposit_lines for n in span)
            sections = (
                Section(
                    title=SECTION_TITLE,
                    items=tuple(self.deposits),
                    line=lines[0],
                    lines=lines,
                    item_lines=tuple(span[0] for span in self.deposit_lines),
                ),
            )
        owner, publications = list_owner(self.publications)
        parsed = ParsedDocument(
            source=source,
            sha256=sha256,
            text="\n".join(self.lines),
            person=PersonInfo(name=owner),
            education=(),
            jobs=(),
            publications=publications,
            sections=sections,
            unparsed=(),
            warnings=tuple(warnings),
            encoding=encoding,
            layout=(),
        )
        # Whatever no block covered (the splitter skips nothing, but a stray line must show).
        accounted = parsed.accounted() | self.layout | {u.line for u in self.unparsed}
        strays = [
            Unparsed(n, line.strip())
            for n, line in enumerate(self.lines, 1)
            if line.strip() and n not in accounted
        ]
        unparsed = tuple(sorted([*self.unparsed, *strays], key=lambda u: u.line))
        layout = tuple(sorted(n for n in self.layout if n <= len(self.lines)))
        return replace(parsed, unparsed=unparsed, layout=layout)


def list_owner(publications):
    """(the owner's name or None, the publications with the owner marked in each byline).

    The owner is the author of at least half of the entries (and of three or more), known
    by surname and first initial across spellings; a tie names no one."""
    counts = Counter(
        key for p in publications for key in {_person_key(a.name) for a in p.authors} - {None}
    )
    ranked = counts.most_common(2)
    if not ranked:
        return None, tuple(publications)
    key, count = ranked[0]
    if count < max(3, len(publications) / 2) or len(ranked) > 1 and ranked[1][1] == count:
        return None, tuple(publications)
    spellings = Counter(
        a.name for p in publications for a in p.authors if _person_key(a.name) == key
    )
    marked = tuple(
        replace(
            p, authors=tuple(replace(a, is_owner=_person_key(a.name) == key) for a in p.authors)
        )
        for p in publications
    )
    return _agreed_name(spellings), marked


def _marked(author, key):
    return replace(author, is_owner=_person_key(author.name) == key)


def _person_key(name):
    """('okafor', 'a') for 'Ada S. Okafor' and 'A. Okafor'; None for a name of one word."""
    words = name_key(name).split()
    if len(words) < 2:
        return None
    return words[-1], words[0][0]


def _agreed_name(spellings):
    """The most written spelling with a full given name, without the middle parts that some
    spellings leave out."""
    full = [name for name, _ in spellings.most_common() if len(name.split()[0].strip(".")) > 1]
    name = full[0] if full else spellings.most_common(1)[0][0]
    words = name.split()
    if len(words) > 2 and any(len(other.split()) == 2 for other in spellings):
        return f"{words[0]} {words[-1]}"
    return name


def entry_publication(kind, fields, lines):
    """One entry's fields -> Publication, or None without a title."""
    title = tex_to_text(fields.get("title", "")).rstrip(" .").strip()
    if not title:
        return None
    names = fields.get("author") or fields.get("editor") or ""
    authors, truncated = split_names(names)
    year, status = _year_and_status(fields)
    venue = next(
        (v for key in VENUE_FIELDS if (v := _venue(fields.get(key)))),
        None,
    )
    arxiv = arxiv_id(fields)
    kind = TYPE_KINDS.get(kind, "other")
    if kind in PREPRINT_CAN_OVERRIDE and is_preprint(fields, kind, arxiv):
        kind = "preprint"
    links = entry_links(fields, arxiv)
    note = tex_to_text(fields.get("note", ""))
    awards = (note,) if note and vocab.AWARD_WORDS.search(note) else ()
    details = (note,) if note and not awards and not status_of(note) else ()
    abstract = tex_to_text(fields.get("abstract") or fields.get("abstractnote") or "")
    return Publication(
        title=title,
        authors=authors,
        authors_truncated=truncated,
        venue=venue,
        venue_full=None,
        year=year,
        date=_date(fields),
        kind=kind,
        status=status,
        awards=awards,
        links=links,
        abstract=abstract or None,
        line=lines[0],
        lines=lines,
        category=tex_to_text(fields.get("primaryclass", "")) or None,
        arxiv_id=arxiv,
        has_code=any(link.label == "Code" for link in links),
        details=details,
    )


def tex_to_text(value):
    """TeX in a field value as plain text: '{Caf\\\\'e} \\\\& $\\\\beta$' -> 'Café & β'."""
    value = _URL_COMMAND.sub(r"\1", value)
    value = _HREF_COMMAND.sub("", value)
    try:
        text = _LATEX.latex_to_text(value)
    except RecursionError:  # braces nested thousands deep
        text = value.replace("{", "").replace("}", "")
    return " ".join(text.split())


def split_names(value):
    """'Doe, Jane and {Example Team} and others' -> ((Jane Doe, Example Team), True)."""
    authors, truncated = [], False
    for raw in split_multiple_persons_names(value):
        if raw.strip().lower() == "others":
            truncated = True
            continue
        raw = raw.strip().rstrip(";,")  # 'Wang, Dan; and ...': a separator left over
        try:
            name = parse_single_name_into_parts(raw, strict=False).merge_first_name_first
        except InvalidNameError:
            name = raw
        name = tex_to_text(name).strip(" ,")
        if name:
            authors.append(Author(name=name))
    return tuple(authors), truncated


def _year_and_status(fields):
    """(2021, 'published') from year = 2021; (None, 'forthcoming') from year = {in press}."""
    written = tex_to_text(fields.get("year") or fields.get("date") or "")
    found = _YEAR.search(written)
    year = int(found.group(1)) if found else None
    pubstate = fields.get("pubstate", "").lower().replace(" ", "")
    status = (
        _PUBSTATES.get(pubstate)
        or status_of(written)
        or status_of(tex_to_text(fields.get("note", "")))
        or "published"
    )
    return year, status


def _date(fields):
    """A full date when biblatex's date field gives a day: '2021-05-03'."""
    found = _DAY.match(fields.get("date", "").strip())
    return found.group(0) if found else None


def _venue(value):
    """A field's text as a venue; None for a URL ('code: \\url{github.com/x}' is a link)."""
    if not value or _URL_COMMAND.search(value) or "://" in value:
        return None
    text = tex_to_text(value)
    return None if not text or _is_url(text) else text


def _is_url(text):
    return text.lower().startswith(("http://", "https://", "www.")) or (
        " " not in text and bool(_DOMAIN.match(text)) and "/" in text
    )


def arxiv_id(fields):
    """The arXiv id an entry gives: eprint (with archiveprefix arXiv, or shaped like one),
    CoRR's volume 'abs/2105.07660', or an arxiv.org URL."""
    eprint = fields.get("eprint", "").strip()
    archive = (fields.get("archiveprefix") or fields.get("eprinttype") or "").lower()
    if eprint and (archive == "arxiv" or _OLD_ARXIV.match(eprint) or _NEW_ARXIV.fullmatch(eprint)):
        found = _NEW_ARXIV.search(eprint)
        return found.group(1) if found else eprint
    for value in (fields.get("url", ""), fields.get("volume", ""), fields.get("doi", "")):
        if "arxiv" in value.lower() or value.startswith("abs/"):
            found = _NEW_ARXIV.search(value)
            if found:
                return found.group(1)
    return None


def is_preprint(fields, kind, arxiv):
    """A preprint server as the journal or publisher, a preprint DOI, or (with no journal)
    an arXiv id."""
    where = " ".join(
        tex_to_text(fields.get(key, ""))
        for key in ("journal", "journaltitle", "howpublished", "publisher", "archiveprefix")
    )
    if vocab.PREPRINT_WORDS.search(where) or any(
        PREPRINT_SERVERS.search(tex_to_text(fields.get(key, "")))
        for key in ("journal", "journaltitle", "howpublished", "publisher")
    ):
        return True
    if PREPRINT_DOI.match(_doi(fields) or ""):
        return True
    return bool(arxiv) and not (fields.get("journal") or fields.get("journaltitle"))


def is_deposit(kind, fields):
    """Software or a data set rather than a publication: by its entry type, its `type`
    field, or (for @misc) a repository's name or DOI with no journal."""
    if kind in DEPOSIT_TYPES or DEPOSIT_TYPE_WORDS.match(fields.get("type", "").strip()):
        return True
    if kind not in ("misc", "online", "electronic") or fields.get("journal"):
        return False
    where = " ".join(fields.get(key, "") for key in ("howpublished", "publisher", "url", "title"))
    title = tex_to_text(fields.get("title", ""))
    return bool(
        REPOSITORY_WORDS.search(where)
        or DATA_DOI.match(_doi(fields) or "")
        or DEPOSIT_TITLE.match(title)
    )


def deposit_text(fields):
    """A deposit as one line: 'Jane Doe, Raj Patel (2021). Tool X. https://doi.org/10.5281/x'."""
    authors, truncated = split_names(fields.get("author") or fields.get("editor") or "")
    names = ", ".join(a.name for a in authors) + (" et al." if truncated else "")
    year = tex_to_text(fields.get("year", ""))
    head = f"{names} ({year})" if names and year else names or year
    title = tex_to_text(fields.get("title", "")).rstrip(" .")
    where = _venue(fields.get("publisher")) or _venue(fields.get("howpublished"))
    if where and where.lower() in title.lower():
        where = None
    links = " ".join(link.url for link in entry_links(fields, None))
    pieces = [p for p in (head, title, where) if p]
    return ". ".join(pieces) + ("." if pieces else "") + (f" {links}" if links else "")


def entry_links(fields, arxiv):
    """DOI, URL, an eprint URL and the arXiv page, each once."""
    links = []

    def add(label, url):
        url = url.strip()
        if found := _DOI.match(url):
            label, url = "DOI", f"https://doi.org/{found.group(1)}"
        if url and not url.lower().startswith(("http://", "https://")):
            url = f"https://{url}" if _DOMAIN.match(url) else ""
        if url and all(link.url.lower() != url.lower() for link in links):
            links.append(Link(label, url))

    if doi := _doi(fields):
        add("DOI", f"https://doi.org/{doi}")
    for key in ("url", "eprint", "howpublished"):
        value = _URL_COMMAND.sub(r"\1", fields.get(key, "")).strip()
        value = value.removeprefix("code:").strip()
        if key != "url" and not _is_url(value):
            continue
        add(_link_label(value), value)
    if arxiv:
        add("arXiv", f"https://arxiv.org/abs/{arxiv}")
    return tuple(links)


def _link_label(url):
    lowered = url.lower()
    if "arxiv.org" in lowered:
        return "arXiv"
    if "github.com" in lowered or "gitlab" in lowered:
        return "Code"
    if lowered.endswith(".pdf"):
        return "PDF"
    if "doi.org/" in lowered:
        return "DOI"
    return "Link"


def _doi(fields):
    found = _DOI.match(fields.get("doi", "").strip())
    return found.group(1) if found else None


def _one_line(error):
    return " ".join(str(error).split())[:200]
