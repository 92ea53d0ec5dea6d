# Reads a .docx with python-docx (Debian's python3-docx), the independent reader of the report tests: prints JSON.
import json, sys
import docx

doc = docx.Document(sys.argv[1])
section = doc.sections[0]
mm = lambda length: round(length.mm, 1)
def para(p):
    runs = [r for r in p.runs if r.text]
    return {"text": p.text, "font": runs[0].font.name if runs else None, "size": runs[0].font.size.pt if runs and runs[0].font.size else None,
            "bold": bool(runs and runs[0].font.bold), "italic": bool(runs and runs[0].font.italic),
            "indent": round(p.paragraph_format.first_line_indent.mm, 1) if p.paragraph_format.first_line_indent else None}
def borders(table):
    el = table._tbl.tblPr.find('{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tblBorders')
    return [] if el is None else [child.get('{http://schemas.openxmlformats.org/wordprocessingml/2006/main}val') for child in el]
print(json.dumps({
    "page": {"width": mm(section.page_width), "height": mm(section.page_height), "top": mm(section.top_margin), "bottom": mm(section.bottom_margin),
             "left": mm(section.left_margin), "right": mm(section.right_margin), "portrait": section.orientation == 0},
    "paragraphs": [para(p) for p in doc.paragraphs],
    "tables": [{"rows": [[c.text for c in row.cells] for row in t.rows], "borders": borders(t),
                "first": [[para(p) for p in c.paragraphs] for c in t.rows[0].cells]} for t in doc.tables],
}, ensure_ascii=False))
