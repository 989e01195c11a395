"""Normalised keys used to recognise the same name, title or place written differently."""

import re

from anyascii import anyascii
from django.utils.text import slugify

_NON_WORD = re.compile(r"[^a-z0-9]+")


def name_key(name):
    """'Zhéngxiao  DU' -> 'zhengxiao du'; non-Latin scripts are transliterated."""
    return _NON_WORD.sub(" ", anyascii(name or "").lower()).strip()[:200]


def title_key(title):
    """Case, accents, punctuation and spacing do not distinguish two titles."""
    return _NON_WORD.sub("", anyascii(title or "").lower())[:500]


def ascii_slug(text, max_length=100):
    """A URL slug; '张伟' becomes 'zhangwei' rather than an empty string."""
    return slugify(anyascii(text or ""))[:max_length].strip("-") or "x"
