"""Word (.docx) and OpenDocument text (.odt): zip archives of XML.

A .docx goes through mammoth, which maps Word's styles onto HTML (Heading 1-6 and Title to
headings, numbered and bulleted paragraphs to lists, tables, bold, italic, links, small and all
capitals); an .odt goes through pandoc (pypandoc-binary) to HTML. Either HTML is read by
html.py, and the blocks are then renumbered against the text this module emits: one line per
visual line (a table row whose cells hold one line each is one line, 'a | b'), so that every
block's line points into `Document.text`, not into the HTML. Title and author come from the
document's properties (docProps/core.xml, meta.xml) as Meta with line 0: they are not in the text.

Limits: text boxes, headers, footers and page numbers are left out (mammoth reads the body,
footnotes and comments); list numbers are counted from 1 as HTML counts them, not as Word's
numbering restarts them; an archive that unpacks to more than MAX_UNPACKED bytes is refused.
"""

import io
import re
import subprocess
import zipfile
from xml.etree import ElementTree

import mammoth

from ..read import DocumentError
from ..tree import Block, Document, Kind, Meta, Span
from . import html

BINARY = True
MAX_UNPACKED = 50 * 1024 * 1024
PANDOC_SECONDS = 60
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ENCRYPTED = "EncryptedPackage".encode("utf-16-le")  # the stream an encrypted OOXML file holds
ODT_MIME = b"application/vnd.oasis.opendocument.text"
STYLE_MAP = """
p[style-name='Title'] => h1:fresh
p[style-name='title'] => h1:fresh
small-caps => span.caps
all-caps => span.caps
"""
_DTD = re.compile(rb"<!(?i:doctype|entity)")
_NS = {
    "dc": "http://purl.org/dc/elements/1.1/",
    "meta": "urn:oasis:names:tc:opendocument:xmlns:meta:1.0",
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
}


def read(data, name):
    """A Word document's bytes -> Document('docx', text='Jane Doe\\nEducation\\n...', blocks)."""
    if data.startswith(OLE):
        if ENCRYPTED in data:
            raise DocumentError(name, "encrypted Word document (remove the password first)")
        raise DocumentError(name, "a legacy Word .doc (save it as .docx or PDF)")
    if data.startswith(b"{\\rtf"):
        raise DocumentError(name, "an RTF document (save it as .docx or PDF)")
    archive = _open(data, name)
    if _is_odt(archive, name):
        fmt, what = "odt", "OpenDocument text"
        page, warnings = _odt_html(data, name), ()
        meta = _properties(archive, "meta.xml", ("dc:title", "meta:initial-creator", "dc:creator"))
    else:
        fmt, what = "docx", "Word document"
        if "word/document.xml" not in archive.namelist():
            raise DocumentError(name, "corrupt Word document (no word/document.xml)")
        page, warnings = _docx_html(data, name)
        meta = _properties(archive, "docProps/core.xml", ("dc:title", "dc:creator"))
    blocks, _ = html.parse(page, name, fill=False)
    text, blocks = _renumber(blocks)
    if not text.strip():
        raise DocumentError(name, f"empty {what} (no text)")
    return Document(fmt, text, blocks, meta, warnings)


def _open(data, name):
    """The archive, checked: a zip, unpacking to at most MAX_UNPACKED, its XML without DTDs
    (Word never writes one; a DTD is how entity expansion attacks start)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as error:
        raise DocumentError(name, f"corrupt Word document (not a zip archive: {error})") from None
    if sum(member.file_size for member in members) > MAX_UNPACKED:
        limit = MAX_UNPACKED // 2**20
        raise DocumentError(name, f"too large unpacked (more than {limit} MB; a zip bomb?)")
    for member in members:
        xml = member.filename.endswith((".xml", ".rels"))
        if xml and _DTD.search(_member(archive, member.filename, name)):
            raise DocumentError(name, f"corrupt Word document ({member.filename} has a DTD)")
    return archive


def _member(archive, path, name):
    try:
        return archive.read(path)  # bounded: zipfile stops at the declared size
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError) as error:
        raise DocumentError(name, f"corrupt Word document ({path}: {error})") from None
    except NotImplementedError as error:  # an unsupported compression method
        raise DocumentError(name, f"corrupt Word document ({error})") from None


def _is_odt(archive, name):
    names = archive.namelist()
    if "mimetype" in names and _member(archive, "mimetype", name).strip() == ODT_MIME:
        return True
    return "content.xml" in names and name.lower().endswith(".odt")


def _docx_html(data, name):
    try:
        result = mammoth.convert_to_html(
            io.BytesIO(data), style_map=STYLE_MAP, convert_image=lambda image: []
        )
    except Exception as error:  # mammoth raises whatever its XML and zip code meets
        reason = f"{type(error).__name__}: {error}"[:200]
        raise DocumentError(name, f"corrupt Word document (mammoth: {reason})") from None
    # Its warnings name styles it has no mapping for; only errors say something was lost.
    errors = tuple(m.message for m in result.messages if m.type == "error")
    return result.value, errors


def _odt_html(data, name):
    import pypandoc  # only for .odt: it looks for the pandoc binary when imported

    command = [pypandoc.get_pandoc_path(), "--sandbox", "-f", "odt", "-t", "html"]
    try:
        done = subprocess.run(
            [*command, "--wrap=none"], input=data, capture_output=True, timeout=PANDOC_SECONDS
        )
    except subprocess.TimeoutExpired:
        raise DocumentError(name, "OpenDocument text took too long to convert") from None
    if done.returncode:
        reason = done.stderr.decode("utf-8", "replace").strip().splitlines()[:1]
        raise DocumentError(name, f"corrupt OpenDocument text ({' '.join(reason)[:200]})")
    return done.stdout.decode("utf-8", "replace")


def _properties(archive, path, keys):
    """Title and author from the properties part; keys in order of preference."""
    if path not in archive.namelist():
        return ()
    try:
        root = ElementTree.fromstring(archive.read(path))
    except (ElementTree.ParseError, ValueError):
        return ()
    meta = []
    for key, names in (("title", keys[:1]), ("author", keys[1:])):
        for tag in names:
            element = root.find(f".//{tag}", _NS)
            value = " ".join((element.text or "").split()) if element is not None else ""
            if value:
                meta.append(Meta(key, value, 0))
                break
    return tuple(meta)


def _renumber(blocks):
    """The text of the blocks, one visual line a line, and the blocks with their lines in it."""
    out, renumbered = [], []

    def emit(inline):
        out.append("".join(span.text for span in inline).strip())
        return len(out)

    for block in blocks:
        if block.kind is Kind.LAYOUT and not block.lines:
            continue
        if block.kind is Kind.ROW:
            if all(len(cell) <= 1 for cell in block.cells):
                out.append(" | ".join(_plain(cell[0]) if cell else "" for cell in block.cells))
                n = len(out)
                cells = tuple(tuple(_moved(inline, n) for inline in cell) for cell in block.cells)
                first = n
            else:
                first = len(out) + 1
                cells = tuple(
                    tuple(_moved(inline, emit(inline)) for inline in cell) for cell in block.cells
                )
            renumbered.append(Block(Kind.ROW, first, cells=cells, header=block.header))
            continue
        lines = tuple(_moved(inline, emit(inline)) for inline in block.lines)
        renumbered.append(_with(block, lines[0][0].line, lines))
    return "".join(line + "\n" for line in out), tuple(renumbered)


def _plain(inline):
    return "".join(span.text for span in inline).strip()


def _moved(inline, line):
    return tuple(
        Span(s.text, line, bold=s.bold, italic=s.italic, caps=s.caps, code=s.code, url=s.url)
        for s in inline
    )


def _with(block, line, lines):
    return Block(
        block.kind,
        line,
        lines=lines,
        level=block.level,
        depth=block.depth,
        number=block.number,
        soft=block.soft,
    )
