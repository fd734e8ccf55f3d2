"""Minimal PDF writer: CJK text via the standard Adobe-GB1 font STSong-Light (UniGB-UCS2-H),
with a ToUnicode CMap so text extractors recover the characters."""
import zlib

TOUNICODE = b"""/CIDInit /ProcSet findresource begin
12 dict begin
begincmap
/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
/CMapName /Adobe-Identity-UCS def
/CMapType 2 def
1 begincodespacerange
<0000> <FFFF>
endcodespacerange
1 beginbfrange
<0000> <FFFF> <0000>
endbfrange
endcmap
CMapName currentdict /CMap defineresource pop
end
end
"""

def _esc_hex(s: str) -> str:
    return s.encode("utf-16-be").hex().upper()

def make_pdf(pages: list[list[str]], title: str = "") -> bytes:
    """pages: list of pages, each a list of text lines (BMP characters only)."""
    objs: list[bytes] = []
    def add(b: bytes) -> int:
        objs.append(b)
        return len(objs)
    catalog = add(b"")  # placeholder 1
    pages_id = add(b"")  # placeholder 2
    font_desc = add(b"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] "
                    b"/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>")
    cid = add(b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light "
              b"/CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> "
              b"/FontDescriptor %d 0 R /DW 1000 /W [1 95 500] >>" % font_desc)
    tu_data = zlib.compress(TOUNICODE)
    tounicode = add(b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(tu_data) + tu_data + b"\nendstream")
    font = add(b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light-UniGB-UCS2-H /Encoding /UniGB-UCS2-H "
               b"/DescendantFonts [%d 0 R] /ToUnicode %d 0 R >>" % (cid, tounicode))
    page_ids = []
    for lines in pages:
        ops = ["BT", "/F1 11 Tf", "14 TL", "56 790 Td"]
        first = True
        for line in lines:
            size = 15 if first else 11
            ops.append(f"/F1 {size} Tf")
            ops.append(f"<{_esc_hex(line)}> Tj T*")
            if first:
                ops.append("T*")
            first = False
        ops.append("ET")
        data = zlib.compress("\n".join(ops).encode("ascii"))
        content = add(b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream")
        page_ids.append(add(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] "
                            b"/Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>" % (pages_id, font, content)))
    objs[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id
    objs[pages_id - 1] = (b"<< /Type /Pages /Count %d /Kids [" % len(page_ids)
                          + b" ".join(b"%d 0 R" % p for p in page_ids) + b"] >>")
    info = add(b"<< /Title <FEFF" + _esc_hex(title).encode() + b"> /Producer (Microsoft Word) >>")
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objs, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, catalog, info, xref)
    return bytes(out)
