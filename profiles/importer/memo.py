"""Answers remembered for the length of one document.

The rules ask the same question of the same text many times: the entry splitter, the head
reader and the detail reader each ask whether a line is a date; plain() runs on a fragment
whenever a rule looks at it. The functions decorated here are pure functions of their
arguments, so their answers are kept until parse_text() starts the next document. Clearing
then bounds the memory they take, and makes a document cost the same whether or not the
documents before it held the same lines.
"""

from functools import lru_cache

_caches = []


def per_document(function):
    """Decorator: memoise a pure function until clear() (the start of the next document)."""
    cached = lru_cache(maxsize=4096)(function)
    _caches.append(cached)
    return cached


def clear():
    for cached in _caches:
        cached.cache_clear()
