// The built Code.js under an Apps Script stand-in (apps-script-worker.mjs): call its functions as
// google.script.run would, read what it did to the spreadsheet, and answer its UrlFetchApp calls with real HTTP.
import { Worker, type MessagePort } from 'node:worker_threads';
import type { Grid } from '../../shared/workbook/grid.ts';

export interface ScriptState {
  menus: { label: string; fn: string }[][];
  sidebars: { file: string; title: string | null }[];
  userProps: Record<string, string>;
  docProps: Record<string, string>;
  fetches: { url: string; method: string; headers: Record<string, string>; contentType: string | null }[];
  active: { sheet: string; cell: string | null } | null;
  backgrounds: Record<string, string>;
}

/** A cell of the stand-in's book: a value, or a date as Apps Script's getValues gives it. */
export type BookCell = Grid[string][number][number] | { date: string };

export class AppsScript {
  private readonly worker: Worker;
  private next = 0;
  private readonly waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();

  constructor(code: string, book: Record<string, BookCell[][]>, timeZone = 'Asia/Ho_Chi_Minh') {
    this.worker = new Worker(new URL('./apps-script-worker.mjs', import.meta.url), {
      workerData: { code, book, timeZone },
    });
    this.worker.on(
      'message',
      (msg: {
        kind: string;
        id: number;
        value?: unknown;
        error?: string;
        url?: string;
        params?: Record<string, unknown>;
        port?: MessagePort;
        signal?: Int32Array;
      }) => {
        if (msg.kind === 'fetch') {
          void this.answer(msg.url!, msg.params!, msg.port!, msg.signal!);
          return;
        }
        const waiter = this.waiting.get(msg.id);
        this.waiting.delete(msg.id);
        if (msg.error !== undefined) waiter?.reject(new Error(msg.error));
        else waiter?.resolve(msg.value);
      },
    );
  }

  private async answer(url: string, params: Record<string, unknown>, port: MessagePort, signal: Int32Array) {
    let reply: unknown;
    try {
      const headers: Record<string, string> = { ...(params.headers as Record<string, string>) };
      if (params.contentType) headers['Content-Type'] = params.contentType as string;
      const res = await fetch(url, {
        method: String(params.method).toUpperCase(),
        headers,
        body: (params.payload as string | undefined) ?? null,
        redirect: 'manual',
      });
      reply = { status: res.status, body: await res.text(), headers: Object.fromEntries(res.headers) };
    } catch (error) {
      reply = { error: (error as Error).message };
    }
    port.postMessage(reply);
    port.close();
    Atomics.store(signal, 0, 1);
    Atomics.notify(signal, 0);
  }

  private send<T>(msg: Record<string, unknown>): Promise<T> {
    const id = this.next++;
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.worker.postMessage({ ...msg, id });
    });
  }

  /** A top-level function of Code.js, with arguments and result copied as google.script.run copies them. */
  call<T = unknown>(fn: string, ...args: unknown[]): Promise<T> {
    return this.send<T>({ kind: 'call', fn, args });
  }
  state(): Promise<ScriptState> {
    return this.send<ScriptState>({ kind: 'state' });
  }
  /** The user types into a cell. */
  setCell(sheet: string, cell: string, value: BookCell): Promise<void> {
    return this.send<void>({ kind: 'set', sheet, cell, value });
  }
  /** Protects a cell from the script's formatting (setBackground throws), or lifts it. */
  protect(sheet: string, cell: string, on = true): Promise<void> {
    return this.send<void>({ kind: 'protect', sheet, cell, on });
  }
  /** The user gives a cell a background of its own. */
  paint(sheet: string, cell: string, colour: string): Promise<void> {
    return this.send<void>({ kind: 'paint', sheet, cell, colour });
  }
  close(): Promise<number> {
    return this.worker.terminate();
  }
}
