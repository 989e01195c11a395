"""Free sections (skills, honours, talks ...): ordered items, nothing lost."""

import re

from profiles.importer.records import Section
from profiles.importer.segment import plain

_LEAD_LABEL = re.compile(
    r"^\s*(?:\*\*|__|<b>)(?P<label>[^*<_]{1,60}?)(?:\*\*|__|</b>)\s*[:：]?\s*"
    r"(?=\S)",
    re.IGNORECASE,
)


def item_text(text):
    """'<b>Languages</b>\\tPython, C' -> 'Languages: Python, C'."""
    labelled = _LEAD_LABEL.match(text)
    if labelled:
        label = labelled.group("label").strip().rstrip(":")
        return f"{label}: {plain(text[labelled.end() :])}"
    return plain(text)


def parse_free(block):
    """One Section per heading: sub-headings inside the block start sections of their own."""
    sections = []
    title, title_line = block.title, block.heading.number if block.heading else None
    items, item_lines, lines = [], [], [title_line] if title_line else []
    previous = None
    for line in block.content:
        if line.heading:
            sections.append(_section(title, title_line, items, item_lines, lines))
            title, title_line = plain(line.text), line.number
            items, item_lines, lines, previous = [], [], [line.number], None
            continue
        text = item_text(line.text)
        if not text:
            lines.append(line.number)
            continue
        continues = (
            previous is not None
            and items
            and not line.listed
            and previous.listed
            and line.number == previous.number + 1
        )
        if continues:
            items[-1] = f"{items[-1]} — {text}"
        else:
            items.append(text)
            item_lines.append(line.number)
        lines.append(line.number)
        previous = line
    sections.append(_section(title, title_line, items, item_lines, lines))
    return [s for s in sections if s is not None]


def _section(title, title_line, items, item_lines, lines):
    if not items and not title_line:
        return None
    return Section(
        title=title or "Other",
        items=tuple(items),
        line=title_line or (item_lines[0] if item_lines else 0),
        lines=tuple(lines),
        item_lines=tuple(item_lines),
    )
