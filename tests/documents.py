"""Documents built in tests, in the forms schools publish: PDF and DOCX."""

from __future__ import annotations

import io

LINES_PER_PAGE = 40


def write_pdf(bodies: list[bytes]) -> bytes:
    """A PDF file of these objects (numbered from 1; object 1 the catalog), with its xref."""
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(bodies, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(bodies) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += (
        f"trailer\n<< /Size {len(bodies) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return out


def make_cjk_pdf(lines: list[str], lines_per_page: int = LINES_PER_PAGE) -> bytes:
    """A PDF with one text line per report line, in Adobe's STSong-Light (not embedded:
    every reader has it or a substitute) through the UniGB-UCS2-H CMap, so the text is
    stored as UCS-2 codes that a reader maps back to Unicode, as Word's CJK exports do."""
    pages = [lines[i : i + lines_per_page] for i in range(0, len(lines), lines_per_page)] or [[]]
    kids = " ".join(f"{5 + 2 * i} 0 R" for i in range(len(pages)))
    bodies = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} >>".encode(),
        b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H "
        b"/DescendantFonts [4 0 R] >>",
        b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light "
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> "
        b"/FontDescriptor << /Type /FontDescriptor /FontName /STSong-Light /Flags 6 "
        b"/FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 "
        b"/CapHeight 880 /StemV 93 >> /DW 1000 >>",
    ]
    for page_lines in pages:
        ops = ["BT /F1 10 Tf 12 TL 40 800 Td"]
        for line in page_lines:
            ops.append(f"<{line.encode('utf-16-be').hex().upper()}> Tj T*")
        ops.append("ET")
        stream = "\n".join(ops).encode("ascii")
        bodies.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            f"/Resources << /Font << /F1 3 0 R >> >> /Contents {len(bodies) + 2} 0 R >>".encode()
        )
        bodies.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    return write_pdf(bodies)


def make_report_docx(lines: list[str]) -> bytes:
    """A DOCX with one paragraph per line; headings in Word's heading style, as schools do."""
    from docx import Document

    document = Document()
    for line in lines:
        is_heading = line[:2] in ("一、", "二、", "三、", "四、", "五、", "六、", "七、")
        document.add_paragraph(line, style="Heading 2" if is_heading else None)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
