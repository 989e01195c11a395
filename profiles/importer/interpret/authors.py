"""Author lists: 'Aohan Zeng\\*, **Zhengxiao Du**, ... and Jie Tang et al.'"""

import re

from profiles.importer import vocab
from profiles.importer.records import Author
from profiles.importer.segment import plain
from profiles.text import name_key

_ET_AL = re.compile(r"[,;]?\s*(?:\bet\.?\s*al\.?|\band others\b|…|\.\.\.)\s*[.,]?\s*$", re.I)
_SEPARATOR = re.compile(r"\s*[,;]\s*(?:and\s+|&\s*)?|\s+(?:and|&|und)\s+", re.IGNORECASE)
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
_CJK = re.compile(r"^[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af·]{2,8}$")
_WORD = re.compile(r"^[A-ZÀ-ÖØ-ÞĀ-ſ][\w'’.-]*$|^[A-Z]\.$")
_BOLD = re.compile(r"\*\*(.+?)\*\*|<b>(.+?)</b>|__(.+?)__", re.IGNORECASE)


def is_name(text):
    """'Jie Tang', 'A. Okafor', 'GLM-4.5 Team', '张伟' are names; 'on 1 GPU' is not."""
    text = _MARKS.sub("", plain(text)).strip(" .,")
    if not text or len(text) > 60:
        return False
    if _CJK.match(text.replace(" ", "")):
        return True
    words = text.split()
    if not 1 <= len(words) <= 5:
        return False
    if vocab.GROUP_AUTHOR_WORDS.search(text) and len(words) <= 4 and words[0][0].isupper():
        return True
    if any(ch.isdigit() for ch in text):
        return False
    if vocab.AWARD_WORDS.search(text) or vocab.ORG_WORDS.search(text):
        return False
    capitalised = [w for w in words if _WORD.match(w)]
    others = [w for w in words if not _WORD.match(w)]
    return (
        len(capitalised) >= 1
        and all(w.lower() in _PARTICLES for w in others)
        and (len(words) >= 2 or _INITIALS.match(text) is None and len(text) > 2)
    )


def looks_like_authors(text, *, strict=False):
    """Most comma-separated parts are names, and there is at least one."""
    text = _ET_AL.sub("", text.split(" · ")[0]).strip().rstrip(",.")
    if not text:
        return False
    parts = [p for p in _SEPARATOR.split(text) if p and p.strip()]
    parts = _join_surname_initials(parts)
    names = sum(1 for part in parts if is_name(part))
    if strict:
        return names == len(parts) and (len(parts) >= 2 or "," not in text)
    return names >= max(1, 0.7 * len(parts))


def split_authors(text, *, owner_key=None):
    """Authors in order and whether the list was cut short with 'et al.'."""
    text = text.split(" · ")[0].strip()
    truncated = bool(_ET_AL.search(text))
    text = _ET_AL.sub("", text).strip().rstrip(",;")
    if text.endswith(".") and not re.search(r"(?:^|[\s.-])[A-Z]\.$", text):
        text = text[:-1]
    bold = {name_key(_MARKS.sub("", plain(m.group(0)))) for m in _BOLD.finditer(text)}
    raw_parts = [p for p in _SEPARATOR.split(text) if p and p.strip()]
    authors = []
    for raw in _join_surname_initials(raw_parts):
        name = _MARKS.sub("", plain(raw)).strip(" .,")
        name = re.sub(r"\s+", " ", name)
        if not name:
            continue
        key = name_key(name)
        authors.append(
            Author(
                name=name,
                equal_contribution=bool(_EQUAL.search(raw.replace("**", ""))),
                is_owner=bool(
                    key and (key in bold or key == owner_key or _abbreviates(name, owner_key))
                ),
            )
        )
    return tuple(authors), truncated


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
    pairs = [_INITIALS.match(_MARKS.sub("", plain(p)).strip()) for p in parts[1::2]]
    if len(parts) % 2 == 0 and all(pairs):
        return [f"{parts[i + 1]} {parts[i]}" for i in range(0, len(parts), 2)]
    return parts


def _abbreviates(name, owner_key):
    """'Z. Du' or 'Du, Z.' written for owner 'Zhengxiao Du'."""
    if not owner_key:
        return False
    owner = owner_key.split()
    words = name_key(name).split()
    if len(words) < 2 or len(owner) < 2 or words[-1] != owner[-1]:
        return False
    return all(len(w) == 1 for w in words[:-1]) and words[0] == owner[0][0]
