"""Author lists: 'Ada Lovelace\\*, **Jane Roe**, ... and Ben Sample et al.'"""

import re

from profiles.importer import vocab
from profiles.importer.memo import per_document
from profiles.importer.records import Author
from profiles.importer.segment import plain
from profiles.text import abbreviates, name_key

# 'et al.', German 'u. a.' (und andere), 'and others', '...'.
_ET_AL = re.compile(
    r"[,;]?\s*(?:\bet\.?\s*al\.?|\bu\.\s?a\.?|\band others\b|…|\.\.\.)\s*[.,]?[*_]*\s*$", re.I
)
# Between two names: r"\s*[,;]\s*(?:and\s+|&\s*)?|\s+(?:and|&|und)\s+". Spelled to start with
# one character class, which the regex engine skips along a long byline at C speed (it tries
# the pattern above at every character); the look-behinds then go on as the character began.
_SEPARATOR = re.compile(
    r"[\s,;](?:(?<=[,;])\s*(?:and\s+|&\s*)?|(?<=\s)\s*(?:[,;]\s*(?:and\s+|&\s*)?|(?:and|&|und)\s+))",
    re.IGNORECASE,
)
_MARKS = re.compile(r"[*†‡§¶#¹²³⁴⁵⁶⁷⁸⁹⁰✉+∗^]+|\\\*|\(\s*(?:equal|co-first)[^)]*\)", re.IGNORECASE)
_EQUAL = re.compile(r"\\\*|(?<!\*)\*(?!\*)|[†‡]|\(\s*(?:equal|co-first)", re.IGNORECASE)
_INITIALS = re.compile(r"^(?:[A-Z]\.\s?-?)+$|^[A-Z]{1,3}$|^(?:[A-Z]\.?-)+[A-Z]\.?$")
_PARTICLES = vocab.NAME_PARTICLES
# A name in a script written without spaces: '张伟', 'やまだ はなこ'.
CJK_NAME = re.compile(r"^[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af·]{2,8}$")
_WORD = re.compile(r"^[A-ZÀ-ÖØ-ÞĀ-ſ][\w'’.-]*$|^[A-Z]\.$")
_ENDS_WITH_INITIAL = re.compile(r"(?:^|[\s.-])[A-Z]\.$")
_BOLD = re.compile(r"\*\*(.+?)\*\*|<b>(.+?)</b>|__(.+?)__", re.IGNORECASE)
_AFTER_BOLD = re.compile(r"(?<=[^\s*])\*\*\s+(?=[A-ZÀ-Þ])")
# 'and' in other languages after a comma, which the separator does not know.
_LAST_CONJUNCTION = re.compile(r",\s*(?:und|et|y)\s+(?!al\b)")
# An elision of co-authors: '[and 23 others including A. Okafor]', '[and 17 others]', '[...]'.
# The names it still gives stay in the byline.
_ELISION = re.compile(
    r"\[\s*(?:(?:and|&|with|\+)\s+)?(?:\d+|many|several)\s+(?:others?|more|co-?authors?)"
    r"(?:\s*,?\s*(?:including|incl\.?|among them)\s+([^\[\]]{0,200}))?\s*\]"
    r"|\[\s*(?:\.\.\.|…)\s*\]",
    re.IGNORECASE,
)


def _hyphens(text):
    """Hyphens Word and PDFs write in names ('Aguirre‐Gutiérrez') read as '-' (str.replace:
    str.translate with a table is many times slower, and this runs on every byline)."""
    return text.replace("\u2010", "-").replace("\u2011", "-")


@per_document
def is_name(text):
    """'Jie Tang', 'A. Okafor', 'GLM-4.5 Team', '张伟' are names; 'on 1 GPU' is not."""
    text = _MARKS.sub("", plain(text)).strip(" .,")
    if not text or len(text) > 60:
        return False
    if CJK_NAME.match(text.replace(" ", "")):
        return True
    words = text.split()
    # Initials count as one word between them: 'M. A. L. M. van Assen'.
    spelled = [w for w in words if not _INITIALS.match(w)]
    if not (1 <= len(words) <= 5 or len(words) <= 8 and 1 <= len(spelled) <= 4):
        return False
    if vocab.GROUP_AUTHOR_WORDS.search(text) and len(words) <= 4 and words[0][0].isupper():
        return True
    if any(map(str.isdigit, text)):
        return False
    # The tests on the words come before the vocabulary's regexes: every one must hold.
    capitalised = [w for w in words if _WORD.match(w) or caseless(w)]
    if not (
        len(capitalised) >= 1
        and all(w.lower() in _PARTICLES for w in words if not (_WORD.match(w) or caseless(w)))
        and (len(words) >= 2 or _INITIALS.match(text) is None and len(text) > 2)
    ):
        return False
    return not (vocab.AWARD_WORDS.search(text) or vocab.ORG_WORDS.search(text))


def caseless(word):
    """A word of a script without capitals, which starts a name as a capital does: 'محمد',
    'דוד', '王小明'."""
    return word.upper() == word.lower() and any(c.isalpha() for c in word)


@per_document
def looks_like_authors(text, *, strict=False):
    """Most comma-separated parts are names, and there is at least one."""
    text = _cut_et_al(_hyphens(text.split(" · ")[0]))[0].strip().rstrip(",.")
    if not text:
        return False
    parts = _byline_parts(text)
    # A byline starts with a name, and no part of it is a sentence.
    if not is_name(parts[0]) or any(len(part.split()) > 8 for part in parts):
        return False
    names = sum(map(is_name, parts))
    if strict:
        return names == len(parts) and (len(parts) >= 2 or "," not in text)
    return names >= max(1, 0.7 * len(parts))


def split_authors(text, *, owner_key=None):
    """Authors in order and whether the list was cut short with 'et al.'."""
    text = _hyphens(text.split(" · ")[0]).strip()
    text, truncated = _cut_et_al(text)
    text = text.strip().rstrip(",;")
    if text.endswith(".") and not _ENDS_WITH_INITIAL.search(text):
        text = text[:-1]
    bold = set()
    if "**" in text or "__" in text or "<" in text:
        for match in _BOLD.finditer(text):
            name = _MARKS.sub("", plain(match.group(0))).strip(" ,;")
            surname, comma, given = name.partition(",")
            # 'Doe, Jane' in bold names 'Jane Doe'.
            bold |= {name_key(name), name_key(f"{given} {surname}")} if comma else {name_key(name)}
        # '**Doe, Jane** Roe, B.': where the bold name ends, the next name starts.
        text = _AFTER_BOLD.sub("**, ", text)
    authors = []
    for raw in _byline_parts(text):
        name, key, equal = _read_author(raw)
        if not name:
            continue
        owner = bool(key and (key in bold or key == owner_key or _abbreviates(key, owner_key)))
        authors.append(_author(name, equal, owner))
    return tuple(authors), truncated


@per_document
def _author(name, equal, owner):
    """An Author (frozen: one object serves every byline that names the same co-author)."""
    return Author(name=name, equal_contribution=equal, is_owner=owner)


# A publication's byline is usually read twice, by looks_like_authors() to recognise the
# entry and by split_authors() to read it, and the patterns that cut it up scan all of it:
# the steps below are memoised.


@per_document
def _cut_et_al(text):
    """(text without a trailing 'et al.' or an elision, whether there was one)."""
    if "[" in text:
        text, elided = _ELISION.subn(_kept_names, text)
        if elided:
            text = " ".join(text.split()).replace(" ,", ",").strip(" ,")
            return _cut_et_al(text)[0], True
    # _ET_AL is tried at every position of a long byline. It can only match a text that
    # ends as it does, after spaces and one '.' or ',': look at that first.
    end = text.rstrip().rstrip("*_").rstrip()  # an italic 'et al.' ('*u. a.*')
    if end.endswith((".", ",")):
        end = end[:-1].rstrip()
    end = end.lower()
    if not (end.endswith(("al", "al.", "..", "…", "u. a", "u.a")) or end[:-1].endswith("other")):
        return text, False
    text, cut = _ET_AL.subn("", text)
    return text, bool(cut)


def _kept_names(match):
    return f", {match.group(1).strip()}," if match.group(1) else ","


@per_document
def _byline_parts(text):
    """'A. Okafor, K. Lindqvist and M. Chen' -> ('A. Okafor', 'K. Lindqvist', 'M. Chen')."""
    if "," in text:
        text = _LAST_CONJUNCTION.sub(", ", text)  # ', und M. Chen', ', et M. Chen'
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
    initials = [bool(p) and _is_initials(p) for p in parts]
    if len(parts) % 2 == 0 and all(initials[1::2]):
        return [f"{parts[i + 1]} {parts[i]}" for i in range(0, len(parts), 2)]
    if len(parts) % 2 == 0 and all(_one_capitalised_word(p) for p in parts):
        # 'Doe, Jane, Lee, Kim, and Roe, Ben': every name inverted, given names in full
        # (a byline of single-word names is no byline).
        return [f"{parts[i + 1]} {parts[i]}" for i in range(0, len(parts), 2)]
    # Mixed bylines, 'Okafor, A., Chen, M., and B. Rosado': a surname followed by its
    # initials is one name, wherever it stands.
    joined, index = [], 0
    while index < len(parts):
        part = parts[index]
        following = parts[index + 1] if index + 1 < len(parts) else None
        if following and initials[index + 1] and _is_surname(part):
            joined.append(f"{following} {part}")
            index += 2
        else:
            joined.append(part)
            index += 1
    return _chicago_first(joined)


def _one_capitalised_word(part):
    words = _MARKS.sub("", plain(part)).split()
    return len(words) == 1 and words[0][:1].isupper() and not _is_initials(part)


def _chicago_first(parts):
    """Chicago inverts the first author only: 'Bakker, Marjan, Chris H. J. Lee, and Ann Roy'
    splits as 'Bakker', 'Marjan', ...; the first two are one name, 'Marjan Bakker'."""
    if len(parts) < 3 or len(parts[0].split()) != 1 or not _is_surname(parts[0]):
        return parts
    given = _MARKS.sub("", plain(parts[1])).split()
    if not given or len(given) > 3 or _is_initials(parts[1]) or not given[0][:1].isupper():
        return parts
    if not all(len(_MARKS.sub("", plain(p)).split()) >= 2 for p in parts[2:]):
        return parts
    return [f"{parts[1]} {parts[0]}", *parts[2:]]


@per_document
def _is_surname(part):
    """'Okafor', 'Huaraca Huasco', 'de Santi': capitalised words, no initials among them."""
    words = _MARKS.sub("", plain(part)).split()
    return (
        1 <= len(words) <= 3
        and not _is_initials(part)
        and not any(_INITIALS.match(w) or w.endswith(".") for w in words)
        and any(w[0].isupper() for w in words)
    )


@per_document
def _is_initials(part):
    return bool(_INITIALS.match(_MARKS.sub("", plain(part)).strip()))


@per_document
def _abbreviates(key, owner_key):
    """Memoised abbreviates(): a CV names its owner in many bylines."""
    return bool(owner_key) and abbreviates(key, owner_key)
