"""Writes a CSV as an .xlsx workbook the way Excel lays one out (shared strings for text, one
sheet, dates as serials in a dd/mm/yyyy style, a title row above the header), streaming, with the
standard library only: a 1 M-row workbook for timing readers.
    python3 csv_to_xlsx.py in.csv out.xlsx
"""
import csv, datetime, sys, zipfile
from xml.sax.saxutils import escape

src, dst = sys.argv[1], sys.argv[2]
EPOCH = datetime.date(1899, 12, 30)
DATE_COLUMNS = {"decree_date", "effective_date"}


def col(c):
    s = ""
    c += 1
    while c:
        c, r = divmod(c - 1, 26)
        s = chr(65 + r) + s
    return s


shared, index = [], {}


def sid(t):
    k = index.get(t)
    if k is None:
        k = index[t] = len(shared)
        shared.append(t)
    return k


with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
    with open(src, newline="", encoding="utf-8") as f, z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as out:
        rows = csv.reader(f)
        header = next(rows)
        dates = {i for i, h in enumerate(header) if h in DATE_COLUMNS}
        w = out.write
        w(b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
        w(b'<row r="1"><c r="A1" t="s"><v>%d</v></c></row>' % sid("Daftar mutasi (synth)"))
        buf = []
        def emit(rnum, row, header_row=False):
            cells = []
            for c, v in enumerate(row):
                if v == "":
                    continue
                ref = f"{col(c)}{rnum}"
                if not header_row and c in dates:
                    d = datetime.date.fromisoformat(v)
                    cells.append(f'<c r="{ref}" s="1"><v>{(d - EPOCH).days}</v></c>')
                else:
                    cells.append(f'<c r="{ref}" t="s"><v>{sid(v)}</v></c>')
            return f'<row r="{rnum}">' + "".join(cells) + "</row>"
        buf.append(emit(3, header, True))
        for n, row in enumerate(rows, start=4):
            buf.append(emit(n, row))
            if len(buf) >= 10000:
                w("".join(buf).encode())
                buf = []
        w("".join(buf).encode())
        w(b"</sheetData></worksheet>")
    ss = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">']
    ss += [f"<si><t>{escape(t)}</t></si>" for t in shared]
    ss.append("</sst>")
    z.writestr("xl/sharedStrings.xml", "".join(ss))
    z.writestr("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>')
    z.writestr("_rels/.rels", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
    z.writestr("xl/workbook.xml", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><workbookPr/><sheets><sheet name="Mutasi" sheetId="1" r:id="rId1"/></sheets></workbook>')
    z.writestr("xl/_rels/workbook.xml.rels", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>')
    z.writestr("xl/styles.xml", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" xfId="0"/><xf numFmtId="164" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>')
