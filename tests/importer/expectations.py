"""Compare a parsed document with an expected preview that lists only the fields it judges."""


def differences(parsed, expected):
    """Human-readable differences between a preview dict and an expected subset; [] if none."""
    problems = []
    for key, value in expected.get("person", {}).items():
        got = parsed["person"].get(key)
        if got != value:
            problems.append(f"person.{key}: expected {value!r}, got {got!r}")
    for section in ("education", "jobs", "publications"):
        if section not in expected:
            continue
        want, got = expected[section], parsed[section]
        if len(want) != len(got):
            problems.append(
                f"{section}: expected {len(want)} records, got {len(got)}: "
                f"{[_label(r) for r in got]}"
            )
        for index, (w, g) in enumerate(zip(want, got, strict=False)):
            for field, value in w.items():
                actual = g.get(field)
                if field == "authors":
                    actual = [a["name"] for a in actual]
                if actual != value:
                    problems.append(
                        f"{section}[{index}] {_label(g)!r}.{field}: expected {value!r}, "
                        f"got {actual!r}"
                    )
    if "section_titles" in expected:
        # 'About' gathers the header's free text; the fixtures list titled sections only.
        titles = [s["title"] for s in parsed["sections"] if s["title"] != "About"]
        if titles != expected["section_titles"]:
            problems.append(f"sections: expected {expected['section_titles']}, got {titles}")
    return problems


def _label(record):
    return record.get("title") or record.get("institution") or record.get("organization")
