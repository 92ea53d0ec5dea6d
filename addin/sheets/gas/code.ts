// The add-on's server side, run by Apps Script: the menu, the sidebar, and the functions the sidebar calls through
// google.script.run. Bundled into one Code.js whose exported functions become top-level functions (see
// server/pane/sheets-addon.ts); SERVICE_URL is set by that build.
import { READ_SHEETS } from '../../../shared/workbook/spec.ts';
import type { Grid } from '../../../shared/workbook/grid.ts';
import { gridRows } from './cells.ts';
import { callService, CODE_PROPERTY, type PageRequest, type PageResponse } from './service-call.ts';

declare const SERVICE_URL: string;

const HIGHLIGHT = '#FDE7E9';
const HIGHLIGHTED_PROPERTY = 'plan-reporting.highlighted';
const MENU = 'Báo cáo kế hoạch';

export function onInstall(e: GoogleAppsScript.Events.AddonOnInstall) {
  onOpen(e as unknown as GoogleAppsScript.Events.SheetsOnOpen);
}

export function onOpen(_e?: GoogleAppsScript.Events.SheetsOnOpen) {
  SpreadsheetApp.getUi().createAddonMenu().addItem('Mở thanh bên / Open the sidebar', 'showSidebar').addToUi();
}

export function showSidebar() {
  const html = HtmlService.createHtmlOutputFromFile('Sidebar').setTitle(MENU);
  SpreadsheetApp.getUi().showSidebar(html);
}

/** Every sheet the reader needs, the metadata sheet (hidden) included, in one call. */
export function readWorkbook(): Grid {
  const book = SpreadsheetApp.getActiveSpreadsheet();
  const zone = book.getSpreadsheetTimeZone();
  const local = (d: Date) => Utilities.formatDate(d, zone, "yyyy-MM-dd'T'HH:mm:ss");
  const grid: Grid = {};
  for (const name of READ_SHEETS) {
    const sheet = book.getSheetByName(name);
    grid[name] = sheet ? gridRows(sheet.getDataRange().getValues(), local) : [];
  }
  return grid;
}

type Place = { sheet: string; cell: string };
const key = (p: Place) => `${p.sheet}!${p.cell}`;
const validPlace = (p: Place) =>
  typeof p?.sheet === 'string' &&
  READ_SHEETS.includes(p.sheet) &&
  typeof p.cell === 'string' &&
  /^[A-Z]{1,3}[1-9]\d{0,6}$/.test(p.cell);

/**
 * Colours the cells given; cells coloured before and not given now get their own background back. Cell by cell, a
 * cell's own colour is recorded (and saved) before it is coloured, and a cell that may not be formatted (protected
 * for this user) is skipped and named: one such cell never leaves the others coloured for good.
 */
export function showIssues(places: Place[]): { skipped: Place[] } {
  const book = SpreadsheetApp.getActiveSpreadsheet();
  const props = PropertiesService.getDocumentProperties();
  let before: Record<string, string>;
  try {
    before = JSON.parse(props.getProperty(HIGHLIGHTED_PROPERTY) ?? '{}') as Record<string, string>;
  } catch {
    before = {};
  }
  const wanted = new Set((Array.isArray(places) ? places : []).filter(validPlace).slice(0, 2000).map(key));
  const skipped = new Set<string>();
  const range = (k: string) => {
    const [sheet, cell] = k.split('!') as [string, string];
    return book.getSheetByName(sheet)?.getRange(cell) ?? null;
  };
  const save = () => props.setProperty(HIGHLIGHTED_PROPERTY, JSON.stringify(before));
  try {
    // Restore first: each cell on its own, a cell that refuses keeps its record and is tried again next time.
    for (const [k, colour] of Object.entries(before)) {
      if (wanted.has(k)) continue;
      try {
        range(k)?.setBackground(colour === '#ffffff' ? null : colour);
        delete before[k];
      } catch {
        skipped.add(k);
      }
    }
    // Record every new cell's own colour, and save the records, before any of them is coloured.
    const fresh: string[] = [];
    for (const k of wanted) {
      if (k in before) continue;
      try {
        const r = range(k);
        if (!r) continue;
        before[k] = r.getBackground();
        fresh.push(k);
      } catch {
        skipped.add(k);
      }
    }
    save();
    for (const k of fresh) {
      try {
        range(k)!.setBackground(HIGHLIGHT);
      } catch {
        // Not coloured, so nothing to give back.
        delete before[k];
        skipped.add(k);
      }
    }
  } finally {
    save();
  }
  return {
    skipped: [...skipped].map((k) => {
      const [sheet, cell] = k.split('!') as [string, string];
      return { sheet, cell };
    }),
  };
}

export function selectCell(place: Place) {
  if (!validPlace(place)) return;
  const sheet = SpreadsheetApp.getActiveSpreadsheet().getSheetByName(place.sheet);
  if (!sheet) return;
  sheet.activate();
  sheet.setActiveRange(sheet.getRange(place.cell));
}

/** What the page needs to start: the service's address and whether this user has signed in. */
export function signInState(): { serviceUrl: string; signedIn: boolean } {
  return {
    serviceUrl: SERVICE_URL,
    signedIn: Boolean(PropertiesService.getUserProperties().getProperty(CODE_PROPERTY)),
  };
}

export function saveSignIn(code: string) {
  if (typeof code !== 'string' || !/^\S{1,200}$/.test(code))
    throw new Error('Mã truy cập không hợp lệ / Invalid access code');
  PropertiesService.getUserProperties().setProperty(CODE_PROPERTY, code);
}

export function signOut() {
  PropertiesService.getUserProperties().deleteProperty(CODE_PROPERTY);
}

/** One call of the sidebar to the sync service, with this user's code. */
export function apiFetch(request: PageRequest): PageResponse {
  const stored = PropertiesService.getUserProperties().getProperty(CODE_PROPERTY);
  return callService(SERVICE_URL, request, stored, (url, init) => {
    const res = UrlFetchApp.fetch(url, { ...init, muteHttpExceptions: true, followRedirects: false });
    const type = res.getHeaders() as Record<string, string>;
    return {
      status: res.getResponseCode(),
      body: res.getContentText('UTF-8'),
      contentType: String(type['Content-Type'] ?? type['content-type'] ?? ''),
    };
  });
}
