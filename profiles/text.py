"""Normalised keys used to recognise the same name, title or place written differently."""

import re
from urllib.parse import urlsplit

from anyascii import anyascii
from django.utils.text import slugify

_NON_WORD = re.compile(r"[^a-z0-9]+")


def name_key(name):
    """'Élodie  MARCHAND' -> 'elodie marchand'; non-Latin scripts are transliterated."""
    return _NON_WORD.sub(" ", anyascii(name or "").lower()).strip()[:200]


def abbreviates(key, owner_key):
    """Whether name key `key` is owner_key with initials for the given names: 'j roe' or
    'roe j' for 'jane roe', 'k de vries' for 'karin de vries', 'j garcia lopez' for
    'juan garcia lopez'. The surname is the run of words both end with (initials written
    after it are read first); the first initial is the owner's first given name's."""
    owner, words = owner_key.split(), key.split()
    first_initial = len(words)
    while first_initial > 1 and len(words[first_initial - 1]) == 1:
        first_initial -= 1
    if first_initial < len(words):  # 'du z' -> 'z du'
        words = words[first_initial:] + words[:first_initial]
    common = 0
    while common < min(len(owner), len(words)) - 1 and owner[-1 - common] == words[-1 - common]:
        common += 1
    initials = words[: len(words) - common]
    return common > 0 and all(len(w) == 1 for w in initials) and initials[0] == owner[0][0]


def continues_numbering(number, previous):
    """Whether `number` (digits) numbers a list's item: up to three digits always; a longer
    number only next to the item before it ('1000.' after '999.', or counting down), since
    on its own '2019.' at a line's start is as often a year."""
    return len(number) <= 3 or previous is not None and abs(int(number) - previous) == 1


def safe_url(url):
    """The URL when it is http(s) or mailto, a bare domain made https; otherwise ''.

    Browsers drop tabs, newlines and control characters from a URL and read a backslash as a
    slash, so `java<TAB>script:` is `javascript:` to them: a URL holding any of those is refused.
    """
    url = (url or "").strip()
    if not url or any(not ch.isprintable() or ch in " <>\"'\\" for ch in url):
        return ""
    scheme = urlsplit(url).scheme.lower()
    if scheme in ("http", "https", "mailto"):
        return url
    if not scheme and "." in url.split("/")[0] and not url.startswith(("/", ".")):
        return f"https://{url}"
    return ""


def title_key(title):
    """Case, accents, punctuation and spacing do not distinguish two titles."""
    return _NON_WORD.sub("", anyascii(title or "").lower())[:500]


def ascii_slug(text, max_length=100):
    """A URL slug; '张伟' becomes 'zhangwei' rather than an empty string."""
    return slugify(anyascii(text or ""))[:max_length].strip("-") or "x"


def numbered_pages(text):
    """[(number, page, text)] for each line: page on the first line of each page of a paged
    text (a PDF's, or text with form feeds), else None. 'a\\n\\fb' -> [(1, 1, 'a'), (2, 2, 'b')]."""
    paged, page, lines = "\f" in text, 1, []
    for number, line in enumerate(text.split("\n"), start=1):
        starts = number == 1 or "\f" in line
        page += line.count("\f") if number > 1 else 0
        lines.append((number, page if paged and starts else None, line.replace("\f", "")))
    return lines
