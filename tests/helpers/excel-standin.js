/* global window, setTimeout */
// An in-page stand-in for Office.js and Excel, served in place of Microsoft's CDN script in browser tests. It holds
// a workbook as cells (window.__workbook: { sheets: { name: { rows, protected, allowFormatCells } } }, set by the
// test from a generated template) and implements the part of the Excel API the task pane uses, with its batching:
// values are known only after load() and sync(). Formatting a cell (a fill set or cleared) of a protected sheet that
// does not allow it throws, as Excel does, and stops the rest of that sync's batch.
(() => {
  const book = () => window.__workbook;
  const fills = (window.__fills = window.__fills || {});
  window.__selected = null;
  window.__setCell = (sheet, address, value) => {
    const m = /^([A-Z]+)(\d+)$/.exec(address);
    let c = 0;
    for (const ch of m[1]) c = c * 26 + ch.charCodeAt(0) - 64;
    const rows = book().sheets[sheet].rows;
    while (rows.length < Number(m[2])) rows.push([]);
    const row = rows[Number(m[2]) - 1];
    while (row.length < c) row.push(null);
    row[c - 1] = value;
  };

  class Context {
    constructor() {
      this.pending = [];
      this.workbook = { worksheets: new Worksheets(this) };
    }
    async sync() {
      const jobs = this.pending.splice(0);
      for (const job of jobs) job();
    }
  }
  class Worksheets {
    constructor(ctx) {
      this.ctx = ctx;
    }
    getItemOrNullObject(name) {
      return new Sheet(this.ctx, name, !book().sheets[name]);
    }
    getItem(name) {
      if (!book().sheets[name]) throw Object.assign(new Error(`ItemNotFound ${name}`), { code: 'ItemNotFound' });
      return new Sheet(this.ctx, name, false);
    }
  }
  class Sheet {
    constructor(ctx, name, isNull) {
      this.ctx = ctx;
      this.name = name;
      this.isNullObject = isNull;
    }
    getUsedRangeOrNullObject() {
      return new UsedRange(this.ctx, this.name, this.isNullObject);
    }
    getRange(address) {
      return new Cell(this.ctx, this.name, address);
    }
    activate() {
      this.ctx.pending.push(() => {
        window.__activeSheet = this.name;
      });
    }
  }
  class UsedRange {
    constructor(ctx, sheet, isNull) {
      this.ctx = ctx;
      this.sheet = sheet;
      this.isNullObject = isNull;
    }
    load() {
      this.ctx.pending.push(() => {
        if (this.isNullObject) return;
        const rows = book().sheets[this.sheet].rows;
        const filled = (v) => v !== null && v !== undefined && v !== '';
        let top = rows.findIndex((r) => r.some(filled));
        if (top < 0) {
          this.isNullObject = true;
          return;
        }
        let bottom = rows.length - 1;
        while (!rows[bottom].some(filled)) bottom -= 1;
        let left = Infinity;
        let right = 0;
        for (const r of rows)
          r.forEach((v, i) => {
            if (filled(v)) {
              left = Math.min(left, i);
              right = Math.max(right, i);
            }
          });
        this.rowIndex = top;
        this.columnIndex = left;
        this.values = rows
          .slice(top, bottom + 1)
          .map((r) => Array.from({ length: right - left + 1 }, (_, i) => (filled(r[left + i]) ? r[left + i] : '')));
      });
    }
  }
  class Cell {
    constructor(ctx, sheet, address) {
      this.ctx = ctx;
      const key = `${sheet}!${address}`;
      const sheetOf = () => book().sheets[sheet];
      const fill = { _color: undefined };
      const formattable = () => {
        const s = sheetOf();
        if (s.protected && !s.allowFormatCells)
          throw Object.assign(new Error('The cell you are trying to change is protected'), { code: 'AccessDenied' });
      };
      Object.defineProperty(fill, 'color', {
        get() {
          if (fill._color === undefined) throw new Error('PropertyNotLoaded: color');
          return fill._color;
        },
        set(value) {
          ctx.pending.push(() => {
            formattable();
            fills[key] = value;
          });
        },
      });
      fill.load = () => {
        ctx.pending.push(() => {
          fill._color = fills[key] ?? '#FFFFFF';
        });
      };
      fill.clear = () => {
        ctx.pending.push(() => {
          formattable();
          delete fills[key];
        });
      };
      this.format = { fill };
      this.select = () => {
        ctx.pending.push(() => {
          window.__selected = key;
        });
      };
    }
  }

  window.Excel = { run: async (batch) => batch(new Context()) };
  window.Office = {
    onReady: (callback) => {
      const info = { host: 'Excel', platform: 'OfficeOnline' };
      setTimeout(() => callback?.(info), 0);
      return Promise.resolve(info);
    },
    context: {
      requirements: {
        isSetSupported: (name, version) => name === 'ExcelApi' && Number(version) <= Number(window.__excelApi ?? '1.9'),
      },
    },
  };
})();
