"""The person: name, contact, links, headline and metrics from the top of the document."""

import re
from collections import Counter

from profiles.importer import vocab
from profiles.importer.interpret.authors import CJK_NAME, bold_names, caseless, is_name
from profiles.importer.interpret.positions import is_role, looks_like_place
from profiles.importer.records import Link, PersonInfo
from profiles.importer.segment import (
    LINK_SCHEMES,
    OTHER_SCHEME_URL,
    heading_kind,
    links_in,
    plain,
    without_links,
    without_parentheses,
)
from profiles.text import name_key

EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+(?![\w-])")
# Tried where a run of [\w.+-] starts, its leading punctuation kept apart, rather than at
# every word boundary inside it: a long run ('a-a-a-...') was scanned from each of its words.
_OBFUSCATED_EMAIL = re.compile(
    r"(?<![\w.+-])([.+-]*)\b([\w.+-]+)\s*[\[(]\s*at\s*[\])]\s*"
    r"([\w-]+(?:\s*[\[(]\s*dot\s*[\])]\s*[\w-]+)+)\b",
    re.I,
)
_MAILTO_LINK = re.compile(r"!?\[[^\[\]]*\]\(mailto:([^()\s\[\]]*)\)", re.IGNORECASE)
PHONE = re.compile(r"(?<![\w/.-])(?:\(\s*\+?\d{1,4}\s*\)|\+\d{1,4})?[\s.-]?\d[\d\s().-]{6,18}\d")
_PHONE_LABEL = re.compile(r"\b(?:phone|tel|telephone|mobile|cell|fax|mob)\b\.?\s*[:：]?", re.I)
URL = re.compile(
    r"https?://[^\s<>()\]]+|(?<![@\w.-])(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*"
    r"\.(?:io|com|org|net|edu|me|dev|ai|info|page|site|xyz|ac\.[a-z]{2}|edu\.[a-z]{2}"
    r"|[a-z]{2})(?:/[^\s<>()\]]*)?(?![\w@])",
    re.IGNORECASE,
)
_ADDRESS = re.compile(
    r"^\d{1,5}[a-z]?\s+\S.*\b(road|rd|street|st|avenue|ave|blvd|boulevard|lane|ln|drive|dr|way|"
    r"court|ct|place|pl|square|sq|straße|strasse|str|rue|calle|via|highway|hwy)\b|"
    r"\b(p\.?o\.? box|postal code|zip|postcode)\b|\b\d{5}(?:-\d{4})?\b.*\b[A-Z]{2}\b|"
    r"\b(road|street|avenue|straße|strasse|rue|calle)\b.*\d{4,}",
    re.IGNORECASE,
)
_METRIC_GLUED = re.compile(
    r"^(?P<label>[A-Za-z][A-Za-z0-9 .-]*?[A-Za-z])\s*[:：]?\s*(?P<value>\d[\d,.]*%?)$"
    r"|^(?P<value2>\d[\d,.]*%?)\s*(?P<label2>[A-Za-z][A-Za-z .-]*)$"
)
_ICONS = re.compile(r"[\u2600-\u27bf\U0001F300-\U0001FAFF\ufe0f✉☎📞📧🏠🌐🔗]")
_SEPARATORS = re.compile(r"^[\s|·•,;/&*_\-–—:]*$")
_ORG_WORDS = vocab.ORG_WORDS
HOST_LABELS = [
    ("github", "GitHub"),
    ("gitlab", "GitLab"),
    ("linkedin", "LinkedIn"),
    ("scholar.google", "Google Scholar"),
    ("orcid", "ORCID"),
    ("twitter", "Twitter"),
    ("x.com", "X"),
    ("dblp", "DBLP"),
    ("researchgate", "ResearchGate"),
    ("semanticscholar", "Semantic Scholar"),
    ("huggingface", "Hugging Face"),
    ("bsky", "Bluesky"),
    ("youtube", "YouTube"),
    ("mastodon", "Mastodon"),
]


_DOCUMENT_TITLE = vocab.DOCUMENT_TITLES
_ADDRESS_LABEL = re.compile(r"^(?:postal |mailing |home |office )?address\s*[:：]\s*", re.I)


def _navigation(text):
    """A website's menu bar: 'Home Research Publications Teaching CV Contact'."""
    words = re.sub(r"[|·•/]", " ", text).lower().split()
    return len(words) >= 4 and sum(w in vocab.NAV_WORDS for w in words) >= len(words) - 1


def metric(text):
    """('h_index', 47) for 'h-index47'; None for other lines."""
    match = _METRIC_GLUED.match(plain(text).strip())
    if not match:
        return None
    label = (match.group("label") or match.group("label2")).strip().lower()
    value = match.group("value") or match.group("value2")
    key_words = re.sub(r"[^a-z0-9]+", " ", label).strip()
    key = vocab.METRIC_LABELS.get(key_words)
    if key is None:
        return None
    number = value.rstrip("%").replace(",", "")
    try:
        parsed = float(number) if "." in number else int(number)
    except ValueError:
        return None
    return key, f"{parsed}%" if value.endswith("%") else parsed


def _label_for(url):
    lower = url.lower()
    for host, label in HOST_LABELS:
        if host in lower:
            return label
    return "Website"


# The person's name. A header line is the name when, once titles ('Dr.-Ing.'), degrees after
# it ('BA, MA, PhD'), a label ('Name:') and remarks in parentheses ('(she/her)') are taken
# off, two to five name-like words remain that are no heading, document title or vocabulary.
_NAME_LABEL = re.compile(
    r"^(?:" + "|".join(sorted(map(re.escape, vocab.NAME_LABELS), key=len, reverse=True)) + r")"
    r"\s*[:：]\s*",
    re.IGNORECASE,
)
_BYLINE_INITIALS = re.compile(r"^(?:[A-Z]\.[\s-]?)+$|^[A-Z]\.?(?:-?[A-Z]\.?){0,2}$")
_VOWEL = re.compile(r"[aeiouyàáâäãåæéèêëíìîïóòôöõøœúùûüý]", re.IGNORECASE)


def person_name(text):
    """'**Dr Jane Doe BA, MA, PhD**' -> 'Jane Doe'; 'JANE O'BRIEN' -> "Jane O'Brien";
    None for 'Curriculum Vitae', 'Current Projects', 'A. Doe and B. Roe'."""
    text = without_parentheses(_ICONS.sub(" ", plain(text)), " ")
    text = " ".join(text.split()).strip(" ,;|·•*")
    label = _NAME_LABEL.match(text)
    if label:
        text = text[label.end() :]
    text = _without_post_nominals(_without_titles(text)).strip(" ,;:")
    return proper_case(text) if _is_person_name(text) else None


def _title_word(word):
    """'Dr.-Ing.', 'Prof.', 'rer.' are titles; 'Nat' (a given name, no dot) is not."""
    dotted = word.endswith(".")
    parts = [part.replace(".", "") for part in word.lower().split("-")]
    return all(
        part in vocab.NAME_TITLES or (dotted and part in vocab.NAME_TITLES_DOTTED)
        for part in parts
        if part
    ) and any(parts)


def _without_titles(text):
    words = text.split()
    while words and _title_word(words[0]):
        words.pop(0)
    return " ".join(words)


def _post_nominal(word):
    """'PhD', 'Ph.D.', 'MSc', 'FRS' (written in capitals or with dots); not 'Ma', a surname."""
    key = word.strip(",;").replace(".", "").lower()
    written = sum(c.isupper() for c in word) >= 2 or "." in word
    return written and (key in vocab.POST_NOMINALS or _title_word(word))


def _without_post_nominals(text):
    """'Jane Doe BA, MA, PhD' -> 'Jane Doe'; 'Doe, Jane' stays as it is."""
    head, *tail = text.split(",")
    if tail and all(part.split() and all(map(_post_nominal, part.split())) for part in tail):
        text = head
    words = text.split()
    while len(words) > 2 and _post_nominal(words[-1]):
        words.pop()
    return " ".join(words)


def _is_person_name(text):
    words = text.split()
    if CJK_NAME.match(text.replace(" ", "")):
        return True
    if not 2 <= len(words) <= 5 or any(map(str.isdigit, text)) or _title_word(words[0]):
        return False
    if any(word.lower().strip(".,:;") in vocab.NOT_NAME_WORDS for word in words):
        return False
    if len(words) == 2 and words[1].isupper() and words[1].lower() in vocab.US_STATES:
        return False  # 'Cambridge MA'

    return (
        is_name(text)
        and 2 <= len([w for w in words if w[0].isupper() or caseless(w)]) <= 5
        and not _DOCUMENT_TITLE.match(text)
        and not _navigation(text)
        and not heading_kind(text)
        and not vocab.GROUP_AUTHOR_WORDS.search(text)
        and not _ORG_WORDS.search(text)
        and not is_role(text)
    )


def proper_case(name):
    """A name's capitals as a name has them: 'MARÍA LÓPEZ-GARCÍA' -> 'María López-García',
    "SEAN MCDONALD O'NEILL" -> "Sean McDonald O'Neill", 'JAN VAN DER BERG' -> 'Jan van der
    Berg', 'Jean DUPONT' -> 'Jean Dupont'; initials ('CHJ', 'A.J.') and mixed case stay."""
    words = name.split()
    whole = name.isupper()
    cased = []
    for index, word in enumerate(words):
        letters = [c for c in word if c.isalpha()]
        initials = "." in word or not _VOWEL.search(word) or (len(letters) < 3 and not whole)
        if not word.isupper() or initials:
            cased.append(word)
        elif 0 < index < len(words) - 1 and word.lower() in vocab.NAME_PARTICLES:
            cased.append(word.lower())
        else:
            cased.append(_capitalised(word))
    return " ".join(cased)


def _capitalised(word):
    """'LÓPEZ-GARCÍA' -> 'López-García', "O'BRIEN" -> "O'Brien", 'MCDONALD' -> 'McDonald',
    'MACLEOD' -> 'MacLeod' (but 'MACHADO' -> 'Machado')."""
    word = re.sub(r"[^\W\d_]+", lambda m: m.group().capitalize(), word.lower())
    if re.match(r"Mc[a-z]", word):
        word = "Mc" + word[2].upper() + word[3:]
    elif re.match(r"Mac[dglnp][a-z]{3,}", word):
        word = "Mac" + word[3].upper() + word[4:]
    return word


def _name_label_only(text):
    """'**Name:**' heads a form whose next line is the name."""
    return plain(text).strip(" :：|").lower() in vocab.NAME_LABELS


def _name_in_line(text):
    """(name, the rest of the line) for a header line that names the person, else None.

    A table row is read cell by cell ('**JANE DOE** | 4/14/2026'); a labelled row's cells
    are joined, a word a cell break split glued back ('Name: | Jane D | oe')."""
    cells = text.split(" | ")
    if len(cells) > 1:
        if _name_label_only(cells[0]):
            name = person_name(_glued(cells[1:]))
            return (name, "") if name else None
        for index, cell in enumerate(cells[:3]):
            name = _linked_name(cell)
            if name:
                kept = [_linked_home(cell)] if links_in(cell) else []
                return name, " | ".join(cells[:index] + kept + cells[index + 1 :])
        for end in range(2, min(3, len(cells)) + 1):  # given names and surname apart
            if any(map(links_in, cells[:end])) or looks_like_place(cells[end - 1]):
                continue  # 'Berlin | Germany'
            name = person_name(_glued(cells[:end]))
            if name:
                return name, " | ".join(cells[end:])
        return None
    name = _linked_name(text)
    return (name, _linked_home(text) if links_in(text) else "") if name else None


def _linked_home(text):
    """The link of a name linked to its person's page, as the header's homepage."""
    _, url = links_in(text)[0]
    return f"[Homepage]({url})" if url.startswith(("http://", "https://")) else f"[Mail]({url})"


def _linked_name(text):
    """The name in a cell of text; a name that is all one link (to a homepage) counts."""
    links = links_in(text)
    if links and not (len(links) == 1 and without_links(text).strip(" *_") == ""):
        return None
    return person_name(text)


def _glued(cells):
    """Cells as one text, a word the cell break cut glued back: 'Jane D', 'oe' -> 'Jane Doe'."""
    joined = ""
    for cell in map(plain, cells):
        cell = cell.strip()
        if not cell:
            continue
        first = cell.split()[0]
        cut = joined[-1:].isalpha() and first[0].islower() and first not in vocab.NAME_PARTICLES
        joined = joined + cell if cut else f"{joined} {cell}".strip()
    return joined


def parse_person(lines, *, publications_text="", document_text=""):
    """PersonInfo from header lines, plus (about_items, unclaimed_lines).

    The name is the first header line that person_name() accepts among the headings and
    the first six lines (metadata such as a LaTeX \\author comes first, as a heading), or
    the line after a 'Name:' label. A header without one takes it from elsewhere: see
    _name_from_elsewhere().
    """
    name = name_line = None
    emails, phones, links, metrics = [], [], [], {}
    homepage = address = location = None
    headline_parts, about, claimed = [], [], []
    pending_label = False  # a 'Name:' line, the name on the next
    for position, line in enumerate(lines):
        text = re.sub(r"^:([\w ]+):", r"\1:", line.text)  # reStructuredText field lists
        bare = plain(text)
        if not bare:
            continue
        labelled = pending_label or _name_label_only(text) or _NAME_LABEL.match(bare)
        if line.heading or position < 6 or labelled:
            pending_label = False
            found = _name_in_line(text)
            # The name again: metadata's, then the body's ('{\huge Jane Doe}').
            if found and name is not None and name_key(found[0]) != name_key(name):
                found = None
            if found:
                name, name_line = name or found[0], name_line or line.number
                claimed.append(line.number)
                if not plain(found[1]).strip(" |"):
                    continue
                text, bare = found[1], plain(found[1])
            elif name is None and _name_label_only(text):
                pending_label = True
                claimed.append(line.number)
                continue
        if _DOCUMENT_TITLE.match(bare) or _navigation(bare):
            claimed.append(line.number)
            continue
        labelled_address = _ADDRESS_LABEL.match(bare)
        if labelled_address:
            address = address or bare[labelled_address.end() :].strip()
            claimed.append(line.number)
            continue
        rest = _take_contacts(text, emails, phones, links)
        if rest != text:
            for label, url in links_in(text):
                if url.startswith(("http://", "https://")):
                    _add_link(links, label, url)
            rest = without_links(rest)
        found = metric(rest)
        if found:
            metrics[found[0]] = found[1]
            claimed.append(line.number)
            continue
        leftover = _ICONS.sub(" ", plain(rest)).strip(" |·•,;")
        if _SEPARATORS.match(leftover) or re.fullmatch(r"[\w ]{1,20}:", leftover):
            claimed.append(line.number)
            continue
        if address is None and _ADDRESS.search(leftover):
            address = leftover.strip()
            claimed.append(line.number)
            continue
        if (
            not headline_parts
            and location is None
            and looks_like_place(leftover)
            and (len(leftover.split()) <= 4)
        ):
            location = leftover.strip()
            claimed.append(line.number)
            continue
        if (
            len(headline_parts) < 3
            and not about
            and (_ORG_WORDS.search(leftover) or is_role(leftover.split(",")[0]))
            and len(leftover) < 200
        ):
            headline_parts.append(leftover.strip(" ,"))
            claimed.append(line.number)
            continue
        about.append((leftover.strip(), line.number))
        claimed.append(line.number)
    for link in links:
        if homepage is None and link.label in ("Website", "Homepage"):
            homepage = link.url
    links = [link for link in links if link.url != homepage]
    if name is None:
        name = _name_from_elsewhere(publications_text, emails, links, document_text)
    headline = ", ".join(headline_parts) or None
    info = PersonInfo(
        name=name,
        emails=tuple(dict.fromkeys(emails)),
        phones=tuple(dict.fromkeys(phones)),
        homepage=homepage,
        links=tuple(links),
        headline=headline,
        location=location,
        address=address,
        metrics=metrics,
        line=name_line,
        lines=tuple(claimed),
    )
    return info, about


def _take_contacts(text, emails, phones, links):
    """Remove e-mails, phones and URLs from text, collecting them; return what is left."""
    text = _OBFUSCATED_EMAIL.sub(_deobfuscated, text)
    # 'Verified email at example.org' names the e-mail's domain, not a homepage.
    text = re.sub(r"\bemail at\s+\S+", "email", text, flags=re.IGNORECASE)
    # '[Mail](mailto:ada@example.org)' gives an address, shown only where the person allows.
    text = _MAILTO_LINK.sub(r" \1 ", text) if "mailto:" in text.lower() else text
    for email in EMAIL.findall(text):
        emails.append(email.rstrip("."))
    text = EMAIL.sub(" ", text)
    for label, url in links_in(text):
        if url.startswith(LINK_SCHEMES):
            _add_link(links, label, url)
    text = without_links(text)
    for url in URL.findall(OTHER_SCHEME_URL.sub(" ", text)):
        if url.lower().startswith(("http", "www")) or "/" in url or _looks_like_site(url):
            _add_link(links, None, url)
            text = text.replace(url, " ")
    labelled = bool(_PHONE_LABEL.search(text))
    for candidate in PHONE.findall(text):
        digits = re.sub(r"\D", "", candidate)
        starts_plus = candidate.strip().startswith(("+", "("))
        if 7 <= len(digits) <= 15 and (labelled or starts_plus or len(digits) >= 10):
            phones.append(candidate.strip())
            text = text.replace(candidate, " ")
    text = _PHONE_LABEL.sub(" ", text)
    text = re.sub(r"\b(?:e-?mail|email|web|homepage|website|url)\s*[:：]", " ", text, flags=re.I)
    return text


def _deobfuscated(match):
    """'jane [at] example [dot] org' -> 'jane@example.org'."""
    punctuation, user, domain = match.groups()
    return f"{punctuation}{user}@{re.sub(r'\s*[\[(]\s*dot\s*[\])]\s*', '.', domain)}"


def _looks_like_site(url):
    return bool(re.search(r"\.(io|com|org|net|edu|me|dev|ai|page|site)\b|\.ac\.|github", url))


def _add_link(links, label, url):
    url = url.rstrip(".,;")
    label = label or _label_for(url)
    if label.lower() in ("homepage", "home page", "website", "web", "personal website"):
        label = "Homepage" if label.lower().startswith("home") else "Website"
    if all(link.url != url for link in links):
        links.append(Link(label, url))


def _name_from_elsewhere(publications_text, emails, links, document_text):
    """For a header without a name: a name among the document's first lines (a name heading
    that opened a section), else the author the bylines bold, else the author in most
    bylines, its initials resolved by the e-mail or the homepage, else the name an e-mail
    address or a homepage's host spells ('jane.doe@', 'jane-doe.github.io')."""
    # Scanned only here, for the few headers without a name: the whole text is long.
    top = [line for line in document_text[:5000].split("\n") if line.strip()][:_TOP_LINES]
    for line in top:
        if heading_kind(line.rstrip(":")):
            break  # the first section: what follows is its content
        found = _name_in_line(line)
        if found:
            return found[0]
    emails = emails or EMAIL.findall(document_text[:20000])
    owner = _bold_owner(publications_text) or _frequent_author(publications_text)
    if owner:
        return _resolved(
            owner, [email.split("@")[0] for email in emails] + [link.url for link in links]
        )
    for email in emails:
        local = email.split("@")[0]
        parts = [p for p in re.split(r"[._-]", local) if p.isalpha() and len(p) > 1]
        if len(parts) >= 2:
            return " ".join(p.capitalize() for p in parts[:3])
    for link in links:
        host = re.sub(r"^\w+://(?:www\.)?", "", link.url.lower()).split("/")[0]
        if link.label in ("Homepage", "Website") or host.endswith((".github.io", ".gitlab.io")):
            parts = host.split(".")[0].split("-")
            if 2 <= len(parts) <= 3 and all(p.isalpha() and len(p) > 2 for p in parts):
                return " ".join(p.capitalize() for p in parts)
    return None


# How many of the document's first lines may hold a name that its header did not.
_TOP_LINES = 6
# Bylines' spellings of one author: 'Doe, J. A.', 'J.A. Doe', 'Doe JA,' (Vancouver).
_INVERTED_AUTHOR = re.compile(r"\b([A-Z][^\W\d_][\w'’-]*),\s*((?:[A-Z]\.[\s-]?){1,3})")
_AUTHOR_INITIALS_FIRST = re.compile(r"\b((?:[A-Z]\.[\s-]?){1,3})\s?([A-Z][^\W\d_][\w'’-]+)")
_VANCOUVER_AUTHOR = re.compile(r"\b([A-Z][^\W\d_][\w'’-]+)\s([A-Z]{1,3})(?=[,.;]|$)")


def natural_order(name):
    """A byline's spelling in the order a header writes it: 'Doe, J.A.' -> 'J. A. Doe',
    'Doe JA' -> 'J. A. Doe'; 'Jane Doe' stays."""
    name = " ".join(name.replace(",", " , ").split()).strip(" ,.")
    surname, comma, given = name.partition(" , ")
    if not comma:
        words = name.split()
        if len(words) == 2 and _initials(words[1]) and not _initials(words[0]):
            surname, given = words
        else:
            return name.replace(" , ", ", ")
    if _initials(given):
        given = " ".join(f"{c}." for c in given if c.isupper())
    return f"{given.strip(' ,')} {surname.strip(' ,')}"


def _initials(text):
    """'J.', 'J. A.', 'JA', 'J.-A.' are initials; 'Li', 'Doe', 'DOE' are not."""
    text = text.strip(" ,")
    if not _BYLINE_INITIALS.match(text):
        return False
    return "." in text or len(text) <= 2 or not _VOWEL.search(text)


def _bold_owner(publications_text):
    """The author the bylines bold most often, in the spelling with the most of the name."""
    names = [natural_order(name) for name in bold_names(publications_text)]
    return _most_named(names, least=1, ahead=1)


def _frequent_author(publications_text):
    """The author named in most bylines ('Roe, J. A.' in each), when far ahead of any other:
    a CV's owner is on all its papers, a co-author on some."""
    names = []
    for line in publications_text.split("\n"):
        found = {
            *(f"{given} {surname}" for surname, given in _INVERTED_AUTHOR.findall(line)),
            *(f"{given} {surname}" for given, surname in _AUTHOR_INITIALS_FIRST.findall(line)),
            *(f"{given} {surname}" for surname, given in _VANCOUVER_AUTHOR.findall(line)),
        }
        names.extend({_author_key(n): natural_order(n) for n in found}.values())
    return _most_named(names, least=3, ahead=1.5)


def _author_key(name):
    """'J. A. Doe', 'Jane Doe' -> ('doe', 'j'): the surname and the first initial."""
    words = name_key(name).split()
    return (words[-1], words[0][0]) if len(words) >= 2 else (name_key(name), "")


def _most_named(names, *, least, ahead):
    """The most frequent author among names (by surname and first initial), named at least
    `least` times and more than `ahead` times as often as the next, in its longest spelling."""
    ranked = Counter(map(_author_key, names)).most_common(2)
    if (
        not ranked
        or ranked[0][1] < least
        or len(ranked) > 1
        and ranked[1][1] * ahead >= ranked[0][1]
    ):
        return None
    key = ranked[0][0]
    spellings = [name for name in names if _author_key(name) == key]
    return max(spellings, key=lambda name: (len(name.replace(".", "")), spellings.count(name)))


def _resolved(name, hints):
    """'J. Doe' with 'jane.doe' (an e-mail's local part) or 'https://janedoe.github.io'
    -> 'Jane Doe': the given name the address spells out for the initial."""
    words = name.split()
    if len(words) < 2 or not _initials(words[0]):
        return name
    surname = name_key(words[-1]).replace(" ", "")
    for hint in hints:
        hint = hint.lower()
        if "://" in hint:  # a homepage: the first label of its host
            hint = re.sub(r"^\w+://(?:www\.)?", "", hint).split("/")[0].split(".")[0]
        if surname not in hint:
            continue
        for given in re.split(r"[^a-z]+", hint.replace(surname, " ", 1)):
            if len(given) > 2 and given[0] == words[0][0].lower():
                return f"{given.capitalize()} {words[-1]}"
    return name
