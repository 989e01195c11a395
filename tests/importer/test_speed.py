"""What the importer's speed-ups rely on: memoised answers that never leak from one document
into another, and patterns spelled for speed that split and match as their plain forms do."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from profiles.importer.interpret import authors, citations, person, positions
from profiles.importer.parse import parse_document
from profiles.importer.segment import _ITALIC, _STRONG, _unwrap, without_parentheses
from tests.importer.conftest import AS_OF, SAMPLES

SEPARATOR = re.compile(r"\s*[,;]\s*(?:and\s+|&\s*)?|\s+(?:and|&|und)\s+", re.IGNORECASE)
ABBREVIATION = re.compile(
    r"(?:(?:^|[\s(.-])[^\W\d_]|\bet al|\bProc|\bVol|\bNo|\bpp|\bInt|\bConf|\bJ|\bvs|\bIn)\.$"
)
EMPHASIZED_TITLE = re.compile(r"(?<![*\w\\])\*(?!\*)([^*]{8,}?)(?<![\s\\])\*(?!\*)")
STRONG = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*|(?<!\w)__(?=\S)(.+?)(?<=\S)__(?!\w)")
ITALIC = re.compile(
    r"(?<![\w*])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?![\w*])|(?<!\w)_(?=\S)(.+?)(?<=\S)_(?!\w)"
)
COMMA_OUTSIDE_PARENTHESES = re.compile(r",\s*(?![^()]*\))")
PARENTHESES = re.compile(r"\([^)]*\)")
OBFUSCATED_EMAIL = re.compile(
    r"\b([\w.+-]+)\s*[\[(]\s*at\s*[\])]\s*([\w-]+(?:\s*[\[(]\s*dot\s*[\])]\s*[\w-]+)+)\b", re.I
)

PIECES = [" ", ",", ";", ".", "*", "**", "\\", "\n", "\t", "and", "&", "und", "A.", "x", "é"]
PIECES += ["et al", "al", "others", "…", "...", "Proc", "J", "In", "(", "-", "Word", "1"]
PIECES += ["_", "__", "***", ")", "[", "]", "at", "dot", "+", "“", "”", '"']
texts = st.lists(st.sampled_from(PIECES), max_size=12).map("".join)


def test_a_document_parses_the_same_after_other_documents():
    paths = sorted(SAMPLES.iterdir())
    alone = parse_document(paths[-1].read_bytes(), paths[-1].name, as_of=AS_OF)
    for path in paths:
        after = parse_document(path.read_bytes(), path.name, as_of=AS_OF)

    assert after == alone


@settings(max_examples=500)
@given(texts)
def test_fast_patterns_agree_with_their_plain_forms(text):
    assert authors._SEPARATOR.split(text) == SEPARATOR.split(text)
    assert bool(citations._ABBREVIATION.search(text)) == bool(ABBREVIATION.search(text))
    fast, plain = citations._EMPHASIZED_TITLE.search(text), EMPHASIZED_TITLE.search(text)
    assert (fast and fast.span()) == (plain and plain.span())
    assert _unwrap(text, _STRONG) == STRONG.sub(inner, text)
    assert _unwrap(text, _ITALIC) == ITALIC.sub(inner, text)
    if "_" not in text:
        assert _unwrap(text, _STRONG[:1]) == STRONG.sub(inner, text)
        assert _unwrap(text, _ITALIC[:1]) == ITALIC.sub(inner, text)
    assert positions._split_commas(text) == COMMA_OUTSIDE_PARENTHESES.split(text)
    assert without_parentheses(text) == PARENTHESES.sub("", text)
    assert person._OBFUSCATED_EMAIL.sub(person._deobfuscated, text) == OBFUSCATED_EMAIL.sub(
        lambda m: f"{m.group(1)}@{re.sub(r'\s*[\[(]\s*dot\s*[\])]\s*', '.', m.group(2))}", text
    )
    assert citations._sentences(text) == sentences(text)


@settings(max_examples=500)
@given(texts)
def test_the_et_al_shortcut_only_skips_texts_without_et_al(text):
    rest, cut = authors._cut_et_al(text)

    assert (rest, cut) == (authors._ET_AL.sub("", text), bool(authors._ET_AL.search(text)))


def inner(match):
    return next((group for group in match.groups() if group), "")


def sentences(text):
    """citations._sentences() as it was, joining and searching the whole sentence so far."""
    pieces, current = [], ""
    split = citations._SENTENCE_SPLIT.split(text)
    for index, piece in enumerate(split):
        current = f"{current} {piece}".strip() if current else piece
        following = split[index + 1] if index + 1 < len(split) else ""
        # An initial before an italic or quoted start ('Chen M. *Journal*') ends a byline.
        if following.startswith(("*", "“", '"')) or not citations._ABBREVIATION.search(current):
            pieces.append(current.rstrip(". "))
            current = ""
    if current:
        pieces.append(current.rstrip(". "))
    return [p for p in pieces if p]
