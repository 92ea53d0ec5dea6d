// The master workbook published into a Google Sheet as well (GOOGLE_PUBLISH_MASTER): after each build, the
// built .xlsx read back and its values written over the sheet's (created on first use and shared with the city's
// staff). One publication at a time per period; a failure is logged and the next build tries again.
import { readFileSync } from 'node:fs';
import type { Store } from '../store/store.ts';
import { readXlsx } from '../workbook/xlsx-reader.ts';
import { WORKBOOK_UNPACK_LIMITS } from '../config.ts';
import type { GoogleApi } from './api.ts';

/** Our own master is trusted: larger than an upload may be (Sheets itself holds at most 10 million cells). */
const MASTER_LIMITS = {
  ...WORKBOOK_UNPACK_LIMITS,
  maxBytes: 512 * 1024 * 1024,
  maxUncompressed: 2048 * 1024 * 1024,
  maxCells: 10_000_000,
};

export async function publishMaster(
  store: Store,
  api: GoogleApi,
  key: string,
  path: string,
  seq: number,
  now: Date,
): Promise<string> {
  const [planId, periodId] = key.split('/') as [string, string];
  const read = readXlsx(new Uint8Array(readFileSync(path)), MASTER_LIMITS);
  if (!read.ok) throw new Error(`the master ${path} cannot be read back: ${read.error.code}`);
  const names = Object.keys(read.grid);
  let spreadsheetId = (await store.googleMaster(planId, periodId))?.spreadsheetId;
  if (!spreadsheetId) {
    spreadsheetId = await api.createSpreadsheet(`Tổng hợp báo cáo ${planId} ${periodId}`, names);
    await store.saveGoogleMaster({ planId, periodId, spreadsheetId, publishedSeq: 0, at: null });
    for (const email of new Set([...(await store.staffEmails('coordinator')), ...(await store.staffEmails('viewer'))]))
      await api.share(spreadsheetId, email);
  } else {
    const have = await api.sheetIds(spreadsheetId);
    const missing = names.filter((n) => !have.has(n));
    if (missing.length)
      await api.batchUpdate(
        spreadsheetId,
        missing.map((title) => ({ addSheet: { properties: { title } } })),
      );
  }
  await api.replaceValues(spreadsheetId, read.grid);
  await store.saveGoogleMaster({ planId, periodId, spreadsheetId, publishedSeq: seq, at: now.toISOString() });
  return spreadsheetId;
}

export class MasterPublisher {
  private readonly chains = new Map<string, Promise<void>>();
  constructor(
    private readonly store: Store,
    private readonly api: GoogleApi,
    private readonly clock: () => Date,
    private readonly log: (e: Record<string, unknown>) => void,
  ) {}

  /** Publishes a period's freshly built master after any publication of it still running. */
  publish(key: string, path: string, seq: number): void {
    const next = (this.chains.get(key) ?? Promise.resolve())
      .then(async () => {
        const id = await publishMaster(this.store, this.api, key, path, seq, this.clock());
        this.log({ level: 'info', message: 'master published to Google Sheets', key, spreadsheetId: id });
      })
      .catch((error: Error) =>
        this.log({ level: 'error', message: `master not published to Google Sheets: ${error.message}`, key }),
      );
    this.chains.set(key, next);
    void next.finally(() => {
      if (this.chains.get(key) === next) this.chains.delete(key);
    });
  }

  async settled(): Promise<void> {
    while (this.chains.size) await Promise.allSettled([...this.chains.values()]);
  }
}
