"""Compare a parsed document with its expected preview, one line per field the parse gets wrong.

An expected file (tests/fixtures/expected/<stem>.json) holds the truth, written by hand from
the document with every field in FIELDS, and `known_misses`: the lines differences() reports
today (refreshed by known_misses.py). Lines name records by the expected record's own fields,
never by what the parser read, so a fix or a regression changes only its own line.
"""

import re

# Every field a hand-written expected record states (null when the document has no value).
FIELDS = {
    "person": ("name", "emails", "phones", "homepage"),
    "education": (
        "institution",
        "degree",
        "field",
        "start",
        "end",
        "current",
        "expected",
        "advisor",
        "location",
    ),
    "jobs": ("organization", "title", "location", "start", "end", "current"),
    "publications": ("title", "authors", "authors_truncated", "venue", "year", "kind", "status"),
}
# What tells one record of a section from another when the counts differ.
KEYS = {
    "education": ("institution", "degree"),
    "jobs": ("organization", "title"),
    "publications": ("title",),
}


def differences(parsed, expected):
    """Human-readable differences between a preview dict and an expected one; [] if none.

    >>> differences({"person": {"name": "Ada"}}, {"person": {"name": "Ada Okafor"}})
    ["person.name: expected 'Ada Okafor', got 'Ada'"]
    """
    problems = []
    for key, value in expected.get("person", {}).items():
        got = parsed["person"].get(key)
        if got != value:
            problems.append(f"person.{key}: expected {value!r}, got {got!r}")
    for section in KEYS:
        if section not in expected:
            continue
        for index, want, got in _pairs(section, expected[section], parsed[section], problems):
            for field, value in want.items():
                actual = got.get(field)
                if field == "authors":
                    actual = [a["name"] for a in actual or ()]
                if actual != value:
                    problems.append(
                        f"{section}[{index}] {_label(section, want)!r}.{field}: "
                        f"expected {value!r}, got {actual!r}"
                    )
    if "section_titles" in expected:
        # 'About' gathers the header's free text; the fixtures list titled sections only.
        titles = [s["title"] for s in parsed["sections"] if s["title"] != "About"]
        if titles != expected["section_titles"]:
            problems.append(f"sections: expected {expected['section_titles']}, got {titles}")
    return problems


def _pairs(section, want, got, problems):
    """(index, expected record, parsed record) to compare field by field.

    With as many records as expected they pair in order. Otherwise each expected record pairs
    with the first unpaired parsed record of the same key, and one line lists the expected
    records nothing matched and the parsed records left over, both in document order, so a
    missed or extra record is one line rather than a shift of every record after it.
    """
    if len(want) == len(got):
        return [(index, w, g) for index, (w, g) in enumerate(zip(want, got, strict=True))]
    unpaired = list(range(len(got)))
    pairs, missing = [], []
    for index, w in enumerate(want):
        match = next((i for i in unpaired if _key(section, got[i]) == _key(section, w)), None)
        if match is None:
            missing.append(_label(section, w))
        else:
            unpaired.remove(match)
            pairs.append((index, w, got[match]))
    extra = [_label(section, got[i]) for i in unpaired]
    problems.append(
        f"{section}: expected {len(want)} records, got {len(got)}; "
        f"missing {missing!r}, unexpected {extra!r}"
    )
    return pairs


def _key(section, record):
    return tuple(
        re.sub(r"\W+", " ", str(record.get(f) or "")).strip().casefold() for f in KEYS[section]
    )


def _label(section, record):
    return ", ".join(str(record[f]) for f in KEYS[section] if record.get(f))
