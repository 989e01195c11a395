"""Small PDFs written by hand for tests: standard fonts, text runs at given places."""

FONTS = {"R": "Helvetica", "B": "Helvetica-Bold", "I": "Helvetica-Oblique"}
HEIGHT = 792


def make_pdf(pages, links=()):
    """A PDF of pages, each a list of (x, top, text, font, size), where text may also be a
    list of (font, text) pieces that follow each other; links: (page, x0, top, x1, bottom,
    uri). Fonts are the standard ones, so no font file is embedded."""
    objects = ["<< /Type /Catalog /Pages 2 0 R >>", None]
    fonts = " ".join(f"/{key} {3 + i} 0 R" for i, key in enumerate(FONTS))
    for name in FONTS.values():
        objects.append(
            f"<< /Type /Font /Subtype /Type1 /BaseFont /{name} /Encoding /WinAnsiEncoding >>"
        )
    kids = []
    for number, runs in enumerate(pages, 1):
        stream = "".join(
            f"BT {x} {HEIGHT - top - size * 0.8:.2f} Td {_show(text, font, size)} ET\n"
            for x, top, text, font, size in runs
        ).encode("cp1252")
        annots = [
            f"<< /Type /Annot /Subtype /Link /Rect [{x0} {HEIGHT - b} {x1} {HEIGHT - t}]"
            f" /Border [0 0 0] /A << /S /URI /URI ({uri}) >> >>"
            for page, x0, t, x1, b, uri in links
            if page == number
        ]
        first = len(objects) + 1
        objects.append(
            f"<< /Length {len(stream)} >>\nstream\n" + stream.decode("latin-1") + "endstream"
        )
        refs = " ".join(f"{first + 2 + i} 0 R" for i in range(len(annots)))
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 {HEIGHT}] /Contents {first} 0 R"
            f" /Resources << /Font << {fonts} >> >> /Annots [{refs}] >>"
        )
        kids.append(f"{first + 1} 0 R")
        objects.extend(annots)
    objects[1] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(kids)} >>"
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{offset:010d} 00000 n \n" for offset in offsets).encode()
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return bytes(out)


def _show(text, font, size):
    pieces = [(font, text)] if isinstance(text, str) else text
    return " ".join(f"/{font} {size} Tf ({_escape(piece)}) Tj" for font, piece in pieces)


def _escape(text):
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
