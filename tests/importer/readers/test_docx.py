import io
import zipfile

import pytest

from profiles.importer.read import DocumentError
from profiles.importer.readers import docx
from profiles.importer.tree import Block, Kind, Meta, Span, spans

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
STYLES = f"""<w:styles {W}>
<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/></w:style>
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/></w:style>
<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/></w:style>
</w:styles>"""
NUMBERING = f"""<w:numbering {W}>
<w:abstractNum w:abstractNumId="0">
<w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/></w:lvl>
<w:lvl w:ilvl="1"><w:numFmt w:val="bullet"/></w:lvl></w:abstractNum>
<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:numFmt w:val="decimal"/></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
</w:numbering>"""
CORE = """<cp:coreProperties
 xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
 xmlns:dc="http://purl.org/dc/elements/1.1/">
<dc:title>Curriculum Vitae</dc:title><dc:creator>Jane Q. Doe</dc:creator></cp:coreProperties>"""


def make_docx(body, *, core=None, extra=()):
    """A small .docx: body is the XML inside <w:body>."""
    rels = (
        f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rS" Type="{REL}/styles" Target="styles.xml"/>'
        f'<Relationship Id="rN" Type="{REL}/numbering" Target="numbering.xml"/>'
        f'<Relationship Id="rL" Type="{REL}/hyperlink" Target="https://example.org/jd"'
        ' TargetMode="External"/></Relationships>'
    )
    parts = {
        "[Content_Types].xml": '<Types xmlns="http://schemas.openxmlformats.org/package/2006/'
        'content-types"><Default Extension="xml" ContentType="application/xml"/></Types>',
        "word/document.xml": f"<w:document {W} {R}><w:body>{body}</w:body></w:document>",
        "word/_rels/document.xml.rels": rels,
        "word/styles.xml": STYLES,
        "word/numbering.xml": NUMBERING,
        **({"docProps/core.xml": core} if core else {}),
        **dict(extra),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path, text in parts.items():
            archive.writestr(path, text)
    return buffer.getvalue()


def para(*runs, style=None, num=None):
    props = f'<w:pStyle w:val="{style}"/>' if style else ""
    if num:
        props += f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>'
    return f"<w:p><w:pPr>{props}</w:pPr>{''.join(runs)}</w:p>"


def run(text, *marks):
    props = "".join(f"<w:{mark}/>" for mark in marks)
    return f'<w:r><w:rPr>{props}</w:rPr><w:t xml:space="preserve">{text}</w:t></w:r>'


def read(body, **kwargs):
    return docx.read(make_docx(body, **kwargs), "cv.docx")


def test_headings_title_and_paragraph_spans():
    doc = read(
        para(run("Jane Doe"), style="Title")
        + para(run("Education"), style="Heading1")
        + para(run("Example University", "b"), run(", PhD, "), run("2019", "i"))
    )
    assert doc.format == "docx"
    assert doc.text == "Jane Doe\nEducation\nExample University, PhD, 2019\n"
    assert doc.blocks == (
        Block(Kind.HEADING, 1, (spans("Jane Doe", 1),), level=1),
        Block(Kind.HEADING, 2, (spans("Education", 2),), level=1),
        Block(
            Kind.PARAGRAPH,
            3,
            (
                (
                    Span("Example University", 3, bold=True),
                    Span(", PhD, ", 3),
                    Span("2019", 3, italic=True),
                ),
            ),
        ),
    )


def test_line_breaks_are_visual_lines_counted_in_the_text():
    doc = read(para(run("Lecturer"), "<w:r><w:br/></w:r>", run("Example College")))
    assert doc.text == "Lecturer\nExample College\n"
    assert doc.blocks == (
        Block(Kind.PARAGRAPH, 1, (spans("Lecturer", 1), spans("Example College", 2))),
    )


def test_lists_keep_depth_and_numbers():
    doc = read(
        para(run("Teaching"), num=(1, 0))
        + para(run("Course A"), num=(1, 1))
        + para(run("First"), num=(2, 0))
        + para(run("Second"), num=(2, 0))
    )
    assert [(b.kind, b.line, b.text, b.depth, b.number) for b in doc.blocks] == [
        (Kind.ITEM, 1, "Teaching", 0, None),
        (Kind.ITEM, 2, "Course A", 1, None),
        (Kind.ITEM, 3, "First", 0, "1"),
        (Kind.ITEM, 4, "Second", 0, "2"),
    ]


def test_table_rows_and_cells():
    cell = "<w:tc>{}</w:tc>".format
    row = "<w:tr>{}</w:tr>".format
    doc = read(
        "<w:tbl>"
        + row(cell(para(run("2019"))) + cell(para(run("PhD", "b"))))
        + row(cell(para(run("2015"))) + cell(para(run("MSc")) + para(run("thesis"))))
        + "</w:tbl>"
    )
    assert doc.text == "2019 | PhD\n2015\nMSc\nthesis\n"
    assert doc.blocks == (
        Block(Kind.ROW, 1, cells=((spans("2019", 1),), (spans("PhD", 1, bold=True),))),
        Block(Kind.ROW, 2, cells=((spans("2015", 2),), (spans("MSc", 3), spans("thesis", 4)))),
    )


def test_hyperlink_small_caps_and_core_properties():
    doc = read(
        para(
            '<w:hyperlink r:id="rL">' + run("homepage") + "</w:hyperlink>",
            run(" "),
            run("Doe", "smallCaps"),
        ),
        core=CORE,
    )
    assert doc.blocks[0].lines == (
        (
            Span("homepage", 1, url="https://example.org/jd"),
            Span(" ", 1),
            Span("Doe", 1, caps=True),
        ),
    )
    assert doc.meta == (Meta("title", "Curriculum Vitae", 0), Meta("author", "Jane Q. Doe", 0))


def test_every_line_points_into_the_text():
    doc = read(para(run("A")) + para(run("B"), num=(1, 0)))
    lines = doc.text.split("\n")
    for block in doc.blocks:
        for inline in block.lines:
            assert "".join(s.text for s in inline) in lines[inline[0].line - 1]


def zip_of(parts):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path, data in parts.items():
            archive.writestr(path, data)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"PK\x03\x04 not really a zip", "corrupt Word document (not a zip archive"),
        (b"", "corrupt Word document (not a zip archive"),
        (zip_of({"hello.txt": "hi"}), "corrupt Word document (no word/document.xml)"),
        (zip_of({"word/document.xml": "<not xml"}), "corrupt Word document (mammoth:"),
        (
            zip_of({"word/document.xml": '<!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>'}),
            "corrupt Word document (word/document.xml has a DTD)",
        ),
        (
            zip_of({"word/document.xml": b"\0" * (docx.MAX_UNPACKED + 1)}),
            "too large unpacked (more than 50 MB; a zip bomb?)",
        ),
        (
            docx.OLE + b"\0" * 100 + "EncryptedPackage".encode("utf-16-le"),
            "encrypted Word document (remove the password first)",
        ),
        (docx.OLE + b"\0" * 100 + "WordDocument".encode("utf-16-le"), "a legacy Word .doc"),
        (b"{\\rtf1 hello}", "an RTF document (save it as .docx or PDF)"),
        (make_docx(para(run(" "))), "empty Word document (no text)"),
    ],
)
def test_unreadable_documents_say_why(data, reason):
    with pytest.raises(DocumentError) as error:
        docx.read(data, "cv.docx")
    assert error.value.reason.startswith(reason)


def test_truncated_docx_is_corrupt():
    data = make_docx(para(run("Jane")))
    with pytest.raises(DocumentError, match="corrupt Word document"):
        docx.read(data[: len(data) // 2], "cv.docx")


ODT_CONTENT = """<office:document-content
 xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">
<office:body><office:text>
<text:h text:outline-level="1">Education</text:h>
<text:p>PhD, Example University</text:p>
<text:list><text:list-item><text:p>Prize</text:p></text:list-item></text:list>
</office:text></office:body></office:document-content>"""
ODT_META = """<office:document-meta
 xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"
 xmlns:dc="http://purl.org/dc/elements/1.1/"><office:meta>
<meta:initial-creator>Jane Q. Doe</meta:initial-creator></office:meta></office:document-meta>"""
MANIFEST = """<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">
<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>
<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
</manifest:manifest>"""


def test_odt_is_read_through_pandoc():
    data = zip_of(
        {
            "mimetype": "application/vnd.oasis.opendocument.text",
            "content.xml": ODT_CONTENT,
            "meta.xml": ODT_META,
            "styles.xml": '<office:document-styles xmlns:office="urn:oasis:names:tc:'
            'opendocument:xmlns:office:1.0" office:version="1.2"><office:styles/>'
            "</office:document-styles>",
            "META-INF/manifest.xml": MANIFEST,
        }
    )
    doc = docx.read(data, "cv.odt")
    assert doc.format == "odt"
    assert doc.text == "Education\nPhD, Example University\nPrize\n"
    assert [(b.kind, b.line, b.text) for b in doc.blocks] == [
        (Kind.HEADING, 1, "Education"),
        (Kind.PARAGRAPH, 2, "PhD, Example University"),
        (Kind.ITEM, 3, "Prize"),
    ]
    assert doc.meta == (Meta("author", "Jane Q. Doe", 0),)
