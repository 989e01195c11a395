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
)

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
_NAME_TITLES = re.compile(
    r"^(?:dr\.?|prof\.?|professor|mr\.?|ms\.?|mrs\.?)\s+|,?\s+(?:ph\.?d\.?"
    r"|m\.?d\.?|m\.?sc\.?)$",
    re.IGNORECASE,
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


_DOCUMENT_TITLE = re.compile(r"^(curriculum vitae|cv|r[ée]sum[ée]|lebenslauf)\b", re.IGNORECASE)
_ADDRESS_LABEL = re.compile(r"^(?:postal |mailing |home |office )?address\s*[:：]\s*", re.I)
_NAV_WORDS = {
    "home",
    "cv",
    "contact",
    "blog",
    "news",
    "about",
    "research",
    "publications",
    "teaching",
    "projects",
    "talks",
    "software",
    "people",
    "resume",
    "bio",
}


def _navigation(text):
    """A website's menu bar: 'Home Research Publications Teaching CV Contact'."""
    words = re.sub(r"[|·•/]", " ", text).lower().split()
    return len(words) >= 4 and sum(w in _NAV_WORDS for w in words) >= len(words) - 1


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


def _tidy_name(text):
    name = _NAME_TITLES.sub("", plain(text)).strip(" ,.")
    if name.isupper():
        name = " ".join(
            part.capitalize() if len(part) > 2 else part.title() for part in name.split()
        )
        name = re.sub(r"-(\w)", lambda m: "-" + m.group(1).upper(), name)
    return name


def _could_be_name(line):
    text = _NAME_TITLES.sub("", line.plain).strip()
    return (
        is_name(text)
        and not links_in(line.text)
        and not _navigation(text)
        and (
            2 <= len([w for w in text.split() if w[0].isupper() or caseless(w)]) <= 4
            or CJK_NAME.match(text)
        )
        and not heading_kind(text)
        and not vocab.GROUP_AUTHOR_WORDS.search(text)
        and not _ORG_WORDS.search(text)
        and not is_role(text)
    )


def parse_person(lines, *, publications_text="", document_text=""):
    """PersonInfo from header lines, plus (about_items, unclaimed_lines).

    A header that gives no name takes the name bold in publications_text's author lists,
    else one read from an e-mail address (the header's, else one in document_text).
    """
    name = name_line = None
    emails, phones, links, metrics = [], [], [], {}
    homepage = address = location = None
    headline_parts, about, claimed = [], [], []
    for position, line in enumerate(lines):
        text = re.sub(r"^:([\w ]+):", r"\1:", line.text)  # reStructuredText field lists
        bare = plain(text)
        if not bare:
            continue
        if name is None and (line.heading or position < 6) and _could_be_name(line):
            name, name_line = _tidy_name(text), line.number
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
        name = _name_from_elsewhere(publications_text, emails, document_text)
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


def _name_from_elsewhere(publications_text, emails, document_text):
    # Scanned only here, for the few headers without a name: the whole text is long.
    found = bold_names(publications_text)
    if found:
        return Counter(found).most_common(1)[0][0]
    for email in emails or EMAIL.findall(document_text[:20000]):
        local = email.split("@")[0]
        parts = [p for p in re.split(r"[._-]", local) if p.isalpha() and len(p) > 1]
        if len(parts) >= 2:
            return " ".join(p.capitalize() for p in parts[:3])
    return None
