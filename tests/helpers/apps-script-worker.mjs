// An Apps Script stand-in: runs the built Code.js in a node:vm context with SpreadsheetApp, HtmlService,
// PropertiesService, Utilities and UrlFetchApp over an in-memory spreadsheet. It runs in a worker thread so that
// UrlFetchApp.fetch can be synchronous, as in Apps Script, while the test's service answers on the main thread.
import { parentPort, receiveMessageOnPort, workerData, MessageChannel } from 'node:worker_threads';
import vm from 'node:vm';

const { code, book: initial, timeZone } = workerData;
const state = { menus: [], sidebars: [], userProps: {}, docProps: {}, fetches: [], active: null, backgrounds: {} };
// Cells the script may not format (a protected range the user may not edit): setBackground throws, as in Apps Script.
const locked = new Set();
const sheets = new Map(Object.entries(initial));
const signal = new Int32Array(new SharedArrayBuffer(4));

const colIndex = (letters) => [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
function parseA1(a1) {
  const m = /^([A-Z]{1,3})(\d+)$/.exec(a1);
  if (!m) throw new Error(`Range not found: ${a1}`);
  return { row: Number(m[2]) - 1, col: colIndex(m[1]) };
}

function sheetOf(name) {
  const rows = sheets.get(name);
  const sheet = {
    getName: () => name,
    getDataRange: () => ({
      getValues: () => {
        const width = Math.max(1, ...rows.map((r) => r.length));
        const out = rows.map((r) =>
          Array.from({ length: width }, (_, c) => {
            const v = r[c];
            if (v && typeof v === 'object' && 'date' in v) return new Date(v.date);
            return v === null || v === undefined ? '' : v;
          }),
        );
        return out.length ? out : [['']];
      },
    }),
    getRange: (a1) => {
      parseA1(a1);
      const key = `${name}!${a1}`;
      return {
        getA1Notation: () => a1,
        getBackground: () => state.backgrounds[key] ?? '#ffffff',
        setBackground: (colour) => {
          if (locked.has(key))
            throw new Error(
              'Exception: You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.',
            );
          if (colour === null) delete state.backgrounds[key];
          else state.backgrounds[key] = colour;
        },
      };
    },
    activate: () => {
      state.active = { sheet: name, cell: null };
    },
    setActiveRange: (range) => {
      state.active = { sheet: name, cell: range.getA1Notation() };
    },
  };
  return sheet;
}

const props = (bag) => ({
  getProperty: (k) => (k in bag ? bag[k] : null),
  setProperty: (k, v) => {
    bag[k] = String(v);
  },
  deleteProperty: (k) => {
    delete bag[k];
  },
});

function syncFetch(url, params) {
  const { port1, port2 } = new MessageChannel();
  Atomics.store(signal, 0, 0);
  parentPort.postMessage({ kind: 'fetch', url, params, port: port2, signal }, [port2]);
  Atomics.wait(signal, 0, 0, 30_000);
  const reply = receiveMessageOnPort(port1)?.message;
  port1.close();
  if (!reply) throw new Error('UrlFetchApp stand-in: no answer');
  if (reply.error) throw new Error(`Exception: ${reply.error}`);
  return {
    getResponseCode: () => reply.status,
    getContentText: () => reply.body,
    getHeaders: () => reply.headers,
  };
}

const globals = {
  SpreadsheetApp: {
    getActiveSpreadsheet: () => ({
      getSpreadsheetTimeZone: () => timeZone,
      getSheetByName: (name) => (sheets.has(name) ? sheetOf(name) : null),
    }),
    getUi: () => ({
      createAddonMenu: () => {
        const items = [];
        const menu = {
          addItem: (label, fn) => {
            items.push({ label, fn });
            return menu;
          },
          addToUi: () => {
            state.menus.push(items);
          },
        };
        return menu;
      },
      showSidebar: (html) => {
        state.sidebars.push(html);
      },
    }),
  },
  HtmlService: {
    createHtmlOutputFromFile: (file) => {
      const out = {
        file,
        title: null,
        setTitle: (t) => {
          out.title = t;
          return out;
        },
      };
      return out;
    },
  },
  PropertiesService: {
    getUserProperties: () => props(state.userProps),
    getDocumentProperties: () => props(state.docProps),
  },
  Utilities: {
    formatDate: (date, zone, format) => {
      if (format !== "yyyy-MM-dd'T'HH:mm:ss") throw new Error(`format ${format} not in the stand-in`);
      const parts = Object.fromEntries(
        new Intl.DateTimeFormat('en-CA', {
          timeZone: zone,
          year: 'numeric',
          month: '2-digit',
          day: '2-digit',
          hour: '2-digit',
          minute: '2-digit',
          second: '2-digit',
          hourCycle: 'h23',
        })
          .formatToParts(date)
          .map((p) => [p.type, p.value]),
      );
      return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}`;
    },
  },
  UrlFetchApp: {
    fetch: (url, params) => {
      state.fetches.push({
        url,
        method: params.method,
        headers: params.headers,
        contentType: params.contentType ?? null,
      });
      return syncFetch(url, params);
    },
  },
};
const context = vm.createContext(globals);
vm.runInContext(code, context, { filename: 'Code.js' });

parentPort.on('message', (msg) => {
  if (msg.kind === 'call') {
    try {
      // google.script.run passes arguments and results as JSON-like values: copied both ways, as there.
      const fn = context[msg.fn];
      if (typeof fn !== 'function') throw new Error(`Script function not found: ${msg.fn}`);
      const value = fn(...JSON.parse(JSON.stringify(msg.args)));
      parentPort.postMessage({
        kind: 'result',
        id: msg.id,
        value: value === undefined ? null : JSON.parse(JSON.stringify(value)),
      });
    } catch (error) {
      parentPort.postMessage({ kind: 'result', id: msg.id, error: String(error?.message ?? error) });
    }
  } else if (msg.kind === 'state') {
    parentPort.postMessage({
      kind: 'result',
      id: msg.id,
      value: JSON.parse(
        JSON.stringify({ ...state, sidebars: state.sidebars.map((s) => ({ file: s.file, title: s.title })) }),
      ),
    });
  } else if (msg.kind === 'protect') {
    if (msg.on) locked.add(`${msg.sheet}!${msg.cell}`);
    else locked.delete(`${msg.sheet}!${msg.cell}`);
    parentPort.postMessage({ kind: 'result', id: msg.id, value: null });
  } else if (msg.kind === 'paint') {
    state.backgrounds[`${msg.sheet}!${msg.cell}`] = msg.colour;
    parentPort.postMessage({ kind: 'result', id: msg.id, value: null });
  } else if (msg.kind === 'set') {
    const rows = sheets.get(msg.sheet);
    const { row, col } = parseA1(msg.cell);
    while (rows.length <= row) rows.push([]);
    while (rows[row].length <= col) rows[row].push(null);
    rows[row][col] = msg.value;
    parentPort.postMessage({ kind: 'result', id: msg.id, value: null });
  }
});
