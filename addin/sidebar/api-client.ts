// The sync service as the pane sees it: every answer read through the shared contract, every failure a value
// with a sentence for the user. The access code stays in this browser's storage, never in the workbook.
import { MeAnswer, PeriodDuty, Problem, Receipt, type ReportPayload } from '../../shared/api/contract.ts';
import type * as z from 'zod';
import { API_BASE, pathOf, ROUTE_PATHS as ROUTES } from '../../shared/api/route-paths.ts';

export type Answer<T> =
  { ok: true; value: T } | { ok: false; status: number; problem: Problem | null; offline: boolean };

export interface ClientSettings {
  baseUrl: string;
  code: string;
}

/** Where the pane keeps who is signed in: the browser's storage (Excel, the file pane) or, in Google Sheets, the
 * user's properties on the add-on's server side (the page then never holds the code after sign-in). */
export interface SettingsStore {
  load(): Promise<ClientSettings | null>;
  save(settings: ClientSettings): Promise<void>;
  forget(): Promise<void>;
}

const STORAGE_KEY = 'plan-reporting.settings';

/** The part of a browser Storage (localStorage) the settings need: typed here so that Node (the tests) can load this. */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** Settings in a browser Storage (localStorage), as JSON under one key. */
export function browserSettings(storage: KeyValueStorage): SettingsStore {
  return {
    load: async () => {
      try {
        const raw = JSON.parse(storage.getItem(STORAGE_KEY) ?? 'null') as ClientSettings | null;
        return raw && typeof raw.code === 'string' && typeof raw.baseUrl === 'string' ? raw : null;
      } catch {
        return null;
      }
    },
    save: async (s) => storage.setItem(STORAGE_KEY, JSON.stringify(s)),
    forget: async () => storage.removeItem(STORAGE_KEY),
  };
}

export class ApiClient {
  constructor(
    private readonly settings: ClientSettings,
    private readonly fetcher: typeof fetch = (input, init) => fetch(input, init),
  ) {}

  private async call<S extends z.ZodType>(
    schema: S,
    path: string,
    init: RequestInit = {},
  ): Promise<Answer<z.infer<S>>> {
    let res: Response;
    try {
      res = await this.fetcher(`${this.settings.baseUrl}${API_BASE}${path}`, {
        ...init,
        headers: { Authorization: `Bearer ${this.settings.code}`, ...(init.headers ?? {}) },
      });
    } catch {
      return { ok: false, status: 0, problem: null, offline: true };
    }
    let body: unknown = null;
    try {
      body = await res.json();
    } catch {
      /* not JSON: said below */
    }
    if (!res.ok) {
      const problem = Problem.safeParse(body);
      return { ok: false, status: res.status, problem: problem.success ? problem.data : null, offline: false };
    }
    const parsed = schema.safeParse(body);
    return parsed.success
      ? { ok: true, value: parsed.data }
      : { ok: false, status: res.status, problem: null, offline: false };
  }

  me() {
    return this.call(MeAnswer, pathOf(ROUTES.me, {}));
  }
  periodDuty(planId: string, periodId: string) {
    return this.call(PeriodDuty, pathOf(ROUTES.periodDuty, { plan: planId, period: periodId }));
  }
  submitGrid(planId: string, periodId: string, payload: ReportPayload, idempotencyKey: string) {
    return this.call(Receipt, pathOf(ROUTES.submitReport, { plan: planId, period: periodId }), {
      method: ROUTES.submitReport.method,
      body: JSON.stringify(payload),
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': idempotencyKey },
    });
  }
  submitFile(planId: string, periodId: string, bytes: Uint8Array, idempotencyKey: string) {
    return this.call(Receipt, pathOf(ROUTES.submitWorkbook, { plan: planId, period: periodId }), {
      method: ROUTES.submitWorkbook.method,
      body: bytes as unknown as RequestInit['body'],
      headers: {
        'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'Idempotency-Key': idempotencyKey,
      },
    });
  }
  templateUrl(planId: string, periodId: string) {
    return `${this.settings.baseUrl}${API_BASE}${pathOf(ROUTES.template, { plan: planId, period: periodId })}`;
  }
  async download(url: string): Promise<Blob | null> {
    try {
      const res = await this.fetcher(url, { headers: { Authorization: `Bearer ${this.settings.code}` } });
      return res.ok ? await res.blob() : null;
    } catch {
      return null;
    }
  }
}
