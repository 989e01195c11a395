import codecs

import pytest

from profiles.importer.read import DocumentError, read


@pytest.mark.parametrize(
    ("data", "text", "encoding"),
    [
        (b"Jane Doe\r\nPh.D.\r\n", "Jane Doe\nPh.D.\n", "utf-8"),
        (codecs.BOM_UTF8 + "Zoë Müller\n".encode(), "Zoë Müller\n", "utf-8"),
        (codecs.BOM_UTF16_LE + "张伟\n".encode("utf-16-le"), "张伟\n", "utf-16-le"),
        (codecs.BOM_UTF16_BE + "Ana\n".encode("utf-16-be"), "Ana\n", "utf-16-be"),
        (b"Old\rMac\r", "Old\nMac\n", "utf-8"),
    ],
)
def test_decodes(data, text, encoding):
    decoded = read(data, "cv.txt")
    assert (decoded.text, decoded.encoding, decoded.warnings) == (text, encoding, ())


def test_legacy_encoding_falls_back_with_a_warning():
    decoded = read("Zoë Müller, Universität Köln\n".encode("cp1252"), "cv.txt")
    assert decoded.text == "Zoë Müller, Universität Köln\n"
    assert decoded.warnings == ("not UTF-8; decoded as cp1252 (check accented letters)",)


def test_nul_bytes_are_removed_with_a_warning():
    decoded = read(b"Jane\x00 Doe\n", "cv.txt")
    assert decoded.text == "Jane Doe\n"
    assert decoded.warnings == ("removed 1 NUL characters",)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty document (no text)"),
        (b"  \n\t\n", "empty document (no text)"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "not a text document: it is a PNG image"),
        (b"%PDF-1.7\n", "not a text document: it is a PDF file (the PDF reader reads it)"),
        (
            b"PK\x03\x04rest",
            "not a text document: it is a zip archive, not a Word or OpenDocument file",
        ),
        (bytes(range(32)) * 3, "not a text document: it holds binary data"),
        (b"x" * 101, "too large (101 bytes; the limit is 100)"),
    ],
)
def test_bad_input_is_one_clear_error(data, reason):
    with pytest.raises(DocumentError) as error:
        read(data, "bad.txt", max_bytes=100)
    assert str(error.value) == f"bad.txt: {reason}"
