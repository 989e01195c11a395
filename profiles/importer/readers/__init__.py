"""Readers: one module per format, each a thin adapter over a real parser.

A text reader has `read(text, name) -> tree.Document`; a binary reader (`BINARY = True`)
has `read(data, name) -> tree.Document`; a structured reader (`STRUCTURED = True`, BibTeX or
a CV data file) maps its format straight onto records with
`parse(text, *, source, sha256, as_of, warnings, encoding) -> records.ParsedDocument`.
Readers raise read.DocumentError for input they cannot read, and interpret nothing.
"""

import importlib
import json
from pathlib import PurePath

# Extensions that name one format. Others (.txt, none, unknown) are told by their content.
EXTENSIONS = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".mdown": "markdown",
    ".qmd": "markdown",
    ".rmd": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".pdf": "pdf",
    ".docx": "docx",
    ".odt": "odt",
    ".tex": "latex",
    ".ltx": "latex",
    ".rst": "rst",
    ".rest": "rst",
    ".org": "org",
    ".bib": "bibtex",
    ".bibtex": "bibtex",
    ".yaml": "cvdata",
    ".yml": "cvdata",
    ".json": "cvdata",  # unless it is the project's own export: see is_cv_data()
}

# Format -> the module under readers/ that reads it.
MODULES = {
    "markdown": "markdown",
    "html": "html",
    "pdf": "pdf",
    "docx": "docx",
    "odt": "docx",
    "latex": "latex",
    "rst": "rst",
    "org": "org",
    "text": "text",
    "bibtex": "bibtex",
    "cvdata": "cvdata",
}

# Formats whose text is what a reader extracted, not the file itself.
BINARY_FORMATS = ("pdf", "docx", "odt")

# Every reader's formats, for `--help` texts and the admin's file input.
ACCEPTED = sorted({*EXTENSIONS, ".txt"})


def module_for(fmt):
    return importlib.import_module(f"{__name__}.{MODULES[fmt]}")


def is_cv_data(data):
    """Whether a .json file is a CV data file (JSON Resume ...) rather than a person as the
    project exports them."""
    try:
        obj = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return False
    return module_for("cvdata").looks_like_cv_data(obj)


def sniff_binary(data, name):
    """The format of a binary file by its signature, or None for text."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        suffix = PurePath(name).suffix.lower()
        if suffix == ".odt" or b"application/vnd.oasis.opendocument.text" in data[:200]:
            return "odt"
        if suffix == ".docx" or b"word/" in data[:4000]:
            return "docx"
    return None


def sniff_text(text, name):
    """The format of a decoded text: its extension when that names one, else its content.

    'cv.tex' -> 'latex'; 'cv.txt' holding '## Education' -> 'markdown'.
    """
    suffix = PurePath(name).suffix.lower()
    if suffix in EXTENSIONS:
        return EXTENSIONS[suffix]
    head = text.lstrip("\ufeff \t\n")[:4000]
    lowered = head[:500].lower()
    if lowered.startswith(("<!doctype html", "<html", "<?xml")) or "<body" in lowered:
        return "html"
    if "\\documentclass" in head or "\\begin{document}" in text:
        return "latex"
    if head.startswith("@") and "{" in head.split("\n", 1)[0]:
        return "bibtex"
    if head.lower().startswith(("#+title", "#+author", "#+options")):
        return "org"
    return "markdown" if _looks_like_markdown(text) else "text"


def _looks_like_markdown(text):
    """Markdown's own marks, which plain text pulled out of a PDF does not have."""
    for line in text.split("\n", 2000)[:2000]:
        stripped = line.lstrip()
        if stripped.startswith("#") and stripped.lstrip("#").startswith(" "):
            return True
        if "**" in stripped or "](" in stripped or stripped.startswith(("---", "| ", "> ")):
            return True
    return False
