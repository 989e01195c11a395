"""Author lists: 'Aohan Zeng\\*, **Zhengxiao Du**, ... and Jie Tang et al.'"""

import re

from profiles.importer import vocab
from profiles.importer.memo import per_document
from profiles.importer.records import Author
from profiles.importer.segment import plain
from profiles.text import abbreviates, name_key

_ET_AL = re.compile(r"[,;]?\s*(?:\bet\.?\s*al\.?|\band others\b|…|\.\.\.)\s*[.,]?\s*$", re.I)
# Between two names: r"\s*[,;]\s*(?:and\s+|&\s*)?|\s+(?:and|&|und)\s+". Spelled to start with
# one character class, which the regex engine skips along a long byline at C speed (it tries
# the pattern above at every character); the look-behinds then go on as the character began.
_SEPARATOR = re.compile(
    r"[\s,;](?:(?<=[,;])\s*(?:and\s+|&\s*)?|(?<=\s)\s*(?:[,;]\s*(?:and\s+|&\s*)?|(?:and|&|und)\s+))",
    re.IGNORECASE,
)
_MARKS = re.compile(r"[*†‡§¶#¹²³⁴⁵⁶⁷⁸⁹⁰✉]+|\\\*|\(\s*(?:equal|co-first)[^)]*\)", re.IGNORECASE)
_EQUAL = re.compile(r"\\\*|(?<!\*)\*(?!\*)|[†‡]|\(\s*(?:equal|co-first)", re.IGNORECASE)
_INITIALS = re.compile(r"^(?:[A-Z]\.\s?-?)+$|^[A-Z]{1,3}$|^(?:[A-Z]\.?-)+[A-Z]\.?$")
_PARTICLES = {
    "van",
    "von",
    "de",
    "der",
    "den",
    "da",
    "di",
    "du",
    "le",
    "la",
    "del",
    "della",
    "bin",
    "al",
    "el",
    "dos",
    "das",
    "ten",
    "ter",
    "y",
    "e",
    "zu",
}
# A name in a script written without spaces: '张伟', 'やまだ はなこ'.
CJK_NAME = re.compile(r"^[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af·]{2,8}$")
_WORD = re.compile(r"^[A-ZÀ-ÖØ-ÞĀ-ſ][\w'’.-]*$|^[A-Z]\.$")
_ENDS_WITH_INITIAL = re.compile(r"(?:^|[\s.-])[A-Z]\.$")
_BOLD = re.compile(r"\*\*(.+?)\*\*|<b>(.+?)</b>|__(.+?)__", re.IGNORECASE)


@per_document
def is_name(text):
    """'Jie Tang', 'A. Okafor', 'GLM-4.5 Team', '张伟' are names; 'on 1 GPU' is not."""
    text = _MARKS.sub("", plain(text)).strip(" .,")
    if not text or len(text) > 60:
        return False
    if CJK_NAME.match(text.replace(" ", "")):
        return True
    words = text.split()
    if not 1 <= len(words) <= 5:
        return False
    if vocab.GROUP_AUTHOR_WORDS.search(text) and len(words) <= 4 and words[0][0].isupper():
        return True
    if any(map(str.isdigit, text)):
        return False
    if vocab.AWARD_WORDS.search(text) or vocab.ORG_WORDS.search(text):
        return False
    capitalised = [w for w in words if _WORD.match(w) or caseless(w)]
    return (
        len(capitalised) >= 1
        and all(w.lower() in _PARTICLES for w in words if not (_WORD.match(w) or caseless(w)))
        and (len(words) >= 2 or _INITIALS.match(text) is None and len(text) > 2)
    )


def caseless(word):
    """A word of a script without capitals, which starts a name as a capital does: 'محمد',
    'דוד', '王小明'."""
    return word.upper() == word.lower() and any(c.isalpha() for c in word)


def looks_like_authors(text, *, strict=False):
    """Most comma-separated parts are names, and there is at least one."""
    text = _cut_et_al(text.split(" · ")[0])[0].strip().rstrip(",.")
    if not text:
        return False
    parts = _byline_parts(text)
    names = sum(map(is_name, parts))
    if strict:
        return names == len(parts) and (len(parts) >= 2 or "," not in text)
    return names >= max(1, 0.7 * len(parts))


def split_authors(text, *, owner_key=None):
    """Authors in order and whether the list was cut short with 'et al.'."""
    text = text.split(" · ")[0].strip()
    text, truncated = _cut_et_al(text)
    text = text.strip().rstrip(",;")
    if text.endswith(".") and not _ENDS_WITH_INITIAL.search(text):
        text = text[:-1]
    bold = set()
    if "**" in text or "__" in text or "<" in text:
        bold = {name_key(_MARKS.sub("", plain(m.group(0)))) for m in _BOLD.finditer(text)}
    authors = []
    for raw in _byline_parts(text):
        name, key, equal = _read_author(raw)
        if not name:
            continue
        authors.append(
            Author(
                name=name,
                equal_contribution=equal,
                is_owner=bool(
                    key and (key in bold or key == owner_key or _abbreviates(key, owner_key))
                ),
            )
        )
    return tuple(authors), truncated


# A publication's byline is usually read twice, by looks_like_authors() to recognise the
# entry and by split_authors() to read it, and the patterns that cut it up scan all of it:
# the steps below are memoised.


@per_document
def _cut_et_al(text):
    """(text without a trailing 'et al.', whether there was one)."""
    # _ET_AL is tried at every position of a long byline. It can only match a text that
    # ends as it does, after spaces and one '.' or ',': look at that first.
    end = text.rstrip()
    if end.endswith((".", ",")):
        end = end[:-1].rstrip()
    end = end.lower()
    if not (end.endswith(("al", "al.", "..", "…")) or end[:-1].endswith("other")):
        return text, False
    text, cut = _ET_AL.subn("", text)
    return text, bool(cut)


@per_document
def _byline_parts(text):
    """'A. Okafor, K. Lindqvist and M. Chen' -> ('A. Okafor', 'K. Lindqvist', 'M. Chen')."""
    return tuple(_join_surname_initials([p for p in _SEPARATOR.split(text) if p and p.strip()]))


@per_document
def _read_author(raw):
    """(name, name key, equal contribution) of one part of a byline: 'Jie Tang\\*'.

    A CV names its owner and frequent co-authors in many bylines: memoised.
    """
    name = _MARKS.sub("", plain(raw)).strip(" .,")
    name = " ".join(name.split())  # removed marks can leave two spaces in a row
    return name, name_key(name), bool(_EQUAL.search(raw.replace("**", "")))


def bold_names(text):
    """Names written in bold: CVs bold their owner in author lists."""
    found = []
    for match in _BOLD.finditer(text):
        name = _MARKS.sub("", plain(match.group(0))).strip(" .,")
        if is_name(name) and len(name.split()) >= 2 and not vocab.GROUP_AUTHOR_WORDS.search(name):
            found.append(name)
    return found


def _join_surname_initials(parts):
    """'Okafor, A., Lindqvist, K.' splits into four parts; join them into 'A. Okafor' ..."""
    parts = [p.strip() for p in parts]
    if len(parts) < 2:
        return parts
    if len(parts) % 2 == 0 and all(_is_initials(p) for p in parts[1::2]):
        return [f"{parts[i + 1]} {parts[i]}" for i in range(0, len(parts), 2)]
    return parts


@per_document
def _is_initials(part):
    return bool(_INITIALS.match(_MARKS.sub("", plain(part)).strip()))


@per_document
def _abbreviates(key, owner_key):
    """Memoised abbreviates(): a CV names its owner in many bylines."""
    return bool(owner_key) and abbreviates(key, owner_key)
