"""An independent .xlsx reader/writer for the tests (openpyxl, not ExcelJS).

inspect IN          -> JSON: sheets, states, active sheet, protection, validations, freeze panes, print setup
fill IN OUT JSON    -> writes the cells of JSON [[sheet, cell, value, kind?], ...] and saves OUT
"""
import datetime
import json
import sys

import openpyxl


def inspect(path):
    wb = openpyxl.load_workbook(path)
    out = {"sheets": wb.sheetnames, "states": [ws.sheet_state for ws in wb.worksheets], "active": wb.active.title, "detail": {}}
    for ws in wb.worksheets:
        out["detail"][ws.title] = {
            "protected": bool(ws.protection.sheet),
            "freeze": ws.freeze_panes,
            "printTitles": ws.print_title_rows,
            "orientation": ws.page_setup.orientation,
            "paper": ws.page_setup.paperSize,
            "validations": [[dv.type, str(dv.sqref), dv.formula1, dv.formula2, dv.prompt, dv.error] for dv in ws.data_validations.dataValidation],
            "unlocked": sorted(c.coordinate for row in ws.iter_rows() for c in row if c.protection.locked is False),
        }
    print(json.dumps(out, ensure_ascii=False))


def dump(path):
    """Every sheet's cells as [value, data_type] rows; data_type 'f' would be a formula."""
    wb = openpyxl.load_workbook(path)
    out = {}
    for ws in wb.worksheets:
        out[ws.title] = {
            "rows": [[[c.value if not isinstance(c.value, datetime.datetime) else c.value.isoformat(), c.data_type] for c in row] for row in ws.iter_rows()],
            "freeze": ws.freeze_panes,
            "autoFilter": ws.auto_filter.ref,
            "orientation": ws.page_setup.orientation,
            "conditional": [str(r.sqref) for r in ws.conditional_formatting],
            "boldRows": [r for r in range(1, min(ws.max_row, 8) + 1) if ws.cell(r, 1).font and ws.cell(r, 1).font.b],
            "wrapped": [c.coordinate for c in ws[min(ws.max_row, 3)] if c.alignment and c.alignment.wrap_text],
        }
    print(json.dumps(out, ensure_ascii=False, default=str))


def charts(path):
    """Every sheet's charts as openpyxl reads them back: kind, grouping, title and each series' references."""
    wb = openpyxl.load_workbook(path)
    out = {}
    for ws in wb.worksheets:
        found = []
        for ch in ws._charts:
            title = "".join(r.t for p in ch.title.tx.rich.p for r in (p.r or [])) if ch.title and ch.title.tx and ch.title.tx.rich else None
            found.append({
                "kind": ch.tagname, "barDir": getattr(ch, "barDir", None), "grouping": getattr(ch, "grouping", None), "title": title,
                "series": [{"name": s.tx.strRef.f if s.tx and s.tx.strRef else None, "categories": s.cat.strRef.f if s.cat and s.cat.strRef else None,
                            "values": s.val.numRef.f if s.val and s.val.numRef else None,
                            "cached": [[p.idx, p.v] for p in s.val.numRef.numCache.pt] if s.val and s.val.numRef and s.val.numRef.numCache else None,
                            "labels": [p.v for p in s.cat.strRef.strCache.pt] if s.cat and s.cat.strRef and s.cat.strRef.strCache else None}
                           for s in ch.series],
            })
        out[ws.title] = found
    print(json.dumps(out, ensure_ascii=False))


def fill(src, dst, cells):
    wb = openpyxl.load_workbook(src)
    for sheet, cell, value, *kind in cells:
        if kind and kind[0] == "date":
            value = datetime.datetime.strptime(value, "%Y-%m-%d")
        wb[sheet][cell] = value
        if kind and kind[0] == "date":
            wb[sheet][cell].number_format = "dd/mm/yyyy"
    wb.save(dst)


if __name__ == "__main__":
    if sys.argv[1] == "inspect":
        inspect(sys.argv[2])
    elif sys.argv[1] == "charts":
        charts(sys.argv[2])
    elif sys.argv[1] == "dump":
        dump(sys.argv[2])
    else:
        fill(sys.argv[2], sys.argv[3], json.loads(sys.argv[4]))
