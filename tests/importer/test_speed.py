"""What the importer's speed-ups rely on: memoised answers that never leak from one document
into another, and patterns spelled for speed that split and match as their plain forms do."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from profiles.importer.interpret import authors, citations
from profiles.importer.parse import parse_document
from profiles.importer.segment import _ITALIC, _ITALIC_STARS, _STRONG, _STRONG_STARS, _inner
from tests.importer.conftest import AS_OF, SAMPLES

SEPARATOR = re.compile(r"\s*[,;]\s*(?:and\s+|&\s*)?|\s+(?:and|&|und)\s+", re.IGNORECASE)
ABBREVIATION = re.compile(
    r"(?:(?:^|[\s(.-])[^\W\d_]|\bet al|\bProc|\bVol|\bNo|\bpp|\bInt|\bConf|\bJ|\bvs|\bIn)\.$"
)
EMPHASIZED_TITLE = re.compile(r"(?<![*\w\\])\*(?!\*)([^*]{8,}?)(?<![\s\\])\*(?!\*)")

PIECES = [" ", ",", ";", ".", "*", "**", "\\", "\n", "\t", "and", "&", "und", "A.", "x", "é"]
PIECES += ["et al", "al", "others", "…", "...", "Proc", "J", "In", "(", "-", "Word", "1"]
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
    if "_" not in text:
        assert _STRONG_STARS.sub(_inner, text) == _STRONG.sub(_inner, text)
        assert _ITALIC_STARS.sub(_inner, text) == _ITALIC.sub(_inner, text)


@settings(max_examples=500)
@given(texts)
def test_the_et_al_shortcut_only_skips_texts_without_et_al(text):
    rest, cut = authors._cut_et_al(text)

    assert (rest, cut) == (authors._ET_AL.sub("", text), bool(authors._ET_AL.search(text)))
