"""Stage 1: bytes to text, or a DocumentError that says why not."""

import codecs
import re
import unicodedata
from dataclasses import dataclass

DEFAULT_MAX_BYTES = 2 * 1024 * 1024
# A long CV has a few thousand lines, and its longest line is an abstract of a few thousand
# characters. The limits bound an import's time and memory whatever the document's shape (see
# the README's "Importer limits"), and keep its lookups under the databases' parameter limits.
MAX_LINES = 20_000
MAX_LINE_LENGTH = 10_000
# What a document may hold, in any format: a text document holds at most a record a line,
# and a byline of 10,000 characters a few hundred authors. A structured file (an exported
# JSON document, a CV data file, BibTeX) has no lines to count, so these bound it the same way.
MAX_RECORDS = MAX_LINES
MAX_AUTHORS = 1_000

# Signatures of files that are not text at all; named in the error message.
MAGIC = [
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"%PDF-", "a PDF file (the PDF reader reads it)"),
    (b"PK\x03\x04", "a zip archive, not a Word or OpenDocument file"),
    (b"\xd0\xcf\x11\xe0", "a legacy Office document (save it as .docx or PDF)"),
    (b"GIF8", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x7fELF", "an executable"),
    (b"{\\rtf", "an RTF document (save it as plain text first)"),
]
BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
]
# Bytes below 32 other than tab, newline, vertical tab, form feed and carriage return.
_CONTROL_BYTES = bytes([*range(9), *range(14, 32)])
# C0 controls other than tab, newline and form feed (a page break of text pulled out of a
# PDF, which the text reader reads), and C1 controls: never part of a CV's text.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


class DocumentError(Exception):
    """A document that cannot be imported; str() is the one-line message for the curator."""

    def __init__(self, name, reason):
        super().__init__(f"{name}: {reason}")
        self.name = name
        self.reason = reason


@dataclass(frozen=True)
class Text:
    text: str
    encoding: str
    warnings: tuple[str, ...]


def read(
    data: bytes,
    name: str,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_lines: int = MAX_LINES,
    max_line_length: int = MAX_LINE_LENGTH,
) -> Text:
    """Decode a document's bytes: b'\\xef\\xbb\\xbfJane Doe\\r\\n' -> Text('Jane Doe\\n', ...)."""
    check_size(data, name, max_bytes)
    for signature, what in MAGIC:
        if data.startswith(signature):
            raise DocumentError(name, f"not a text document: it is {what}")
    warnings = []
    text, encoding = _decode(data, name, warnings)
    if text.count("\x00"):
        warnings.append(f"removed {text.count(chr(0))} NUL characters")
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    text = _CONTROL.sub("", text)
    text = unicodedata.normalize("NFC", text)
    if not text.strip():
        raise DocumentError(name, "empty document (no text)")
    check_lines(text, name, max_lines, max_line_length)
    return Text(text, encoding, tuple(warnings))


def check_size(data, name, max_bytes=DEFAULT_MAX_BYTES):
    if len(data) > max_bytes:
        raise DocumentError(name, f"too large ({len(data):,} bytes; the limit is {max_bytes:,})")


def check_records(parsed, max_records=MAX_RECORDS, max_authors=MAX_AUTHORS):
    """A DocumentError for a parsed document that holds more than any document may."""
    total = len(parsed.education) + len(parsed.jobs) + len(parsed.publications)
    total += sum(len(section.items) for section in parsed.sections)
    if total > max_records:
        raise DocumentError(
            parsed.source, f"too many records ({total:,}; the limit is {max_records:,})"
        )
    longest = max((len(p.authors) for p in parsed.publications), default=0)
    if longest > max_authors:
        raise DocumentError(
            parsed.source,
            f"a publication lists {longest:,} authors (the limit is {max_authors:,})",
        )


def check_lines(text, name, max_lines=MAX_LINES, max_line_length=MAX_LINE_LENGTH):
    lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()  # the final newline ends the last line rather than starting one
    if len(lines) > max_lines:
        raise DocumentError(name, f"too many lines ({len(lines):,}; the limit is {max_lines:,})")
    if max(map(len, lines)) > max_line_length:
        number, line = next((n, s) for n, s in enumerate(lines, 1) if len(s) > max_line_length)
        raise DocumentError(
            name,
            f"line {number:,} is {len(line):,} characters long (the limit is {max_line_length:,})",
        )


def _decode(data, name, warnings):
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding), encoding
            except UnicodeDecodeError:
                raise DocumentError(name, f"not valid {encoding.upper()} text") from None
    if _looks_binary(data):
        raise DocumentError(name, "not a text document: it holds binary data")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    stray = _stray_bytes(data)
    if stray:
        # UTF-8 with a few bytes of a Windows editor's ('\x93quoted\x94' pasted into a UTF-8
        # file): each stray byte is read as Windows-1252 and the rest as UTF-8.
        text = data.decode("utf-8", errors=_CP1252_BYTES)
        warnings.append(
            f"not all UTF-8: {stray} byte{'s' if stray > 1 else ''} decoded as cp1252 "
            "(check quotes and accented letters)"
        )
        return text, "utf-8"
    try:
        text = data.decode("cp1252")
        encoding = "cp1252"
    except UnicodeDecodeError:
        text, encoding = data.decode("latin-1"), "latin-1"
    warnings.append(f"not UTF-8; decoded as {encoding} (check accented letters)")
    return text, encoding


def _cp1252_bytes(error):
    bad = error.object[error.start : error.end]
    return bad.decode("cp1252", errors="replace").replace("\ufffd", "?"), error.end


_CP1252_BYTES = "portfolio-cp1252-bytes"
codecs.register_error(_CP1252_BYTES, _cp1252_bytes)


def _stray_bytes(data):
    """How many bytes of data are not UTF-8, when the rest holds UTF-8 characters beyond
    ASCII; else 0. Text in Windows-1252 all through almost never holds one: it would take
    an accented capital followed by a symbol byte ('Ã©'), which is what mojibake looks like."""
    utf8 = data.decode("utf-8", errors="ignore")
    if utf8.isascii():
        return 0
    return len(data) - len(utf8.encode("utf-8"))


def _looks_binary(data):
    sample = data[:8192]
    if not sample:
        return False
    # UTF-16 without a BOM has NULs in every other byte; real text has almost none.
    nul_ratio = sample.count(0) / len(sample)
    # Counted by deleting them (in C) rather than by a Python loop over 8 KiB of bytes.
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return nul_ratio > 0.3 or controls / len(sample) > 0.1
