// google.script.run as promises: each server-side function of the add-on (gas/code.ts) called by name.
import type { Grid } from '../../../shared/workbook/grid.ts';
import type { PageRequest, PageResponse } from '../gas/service-call.ts';

interface ScriptRun {
  withSuccessHandler(f: (value: unknown) => void): ScriptRun;
  withFailureHandler(f: (error: Error) => void): ScriptRun;
  [fn: string]: unknown;
}
declare global {
  interface Window {
    google?: { script?: { run?: ScriptRun } };
  }
}

export interface AddonServer {
  readWorkbook(): Promise<Grid>;
  /** Colours the cells; those the add-on may not format (protected) are skipped and named. */
  showIssues(places: { sheet: string; cell: string }[]): Promise<{ skipped: { sheet: string; cell: string }[] } | null>;
  selectCell(place: { sheet: string; cell: string }): Promise<void>;
  signInState(): Promise<{ serviceUrl: string; signedIn: boolean }>;
  saveSignIn(code: string): Promise<void>;
  signOut(): Promise<void>;
  apiFetch(request: PageRequest): Promise<PageResponse>;
}

export function addonServer(run: ScriptRun): AddonServer {
  const call =
    (fn: string) =>
    (...args: unknown[]) =>
      new Promise<never>((resolve, reject) => {
        const runner = run.withSuccessHandler(resolve as (v: unknown) => void).withFailureHandler(reject);
        (runner[fn] as (...a: unknown[]) => void)(...args);
      });
  return {
    readWorkbook: call('readWorkbook'),
    showIssues: call('showIssues'),
    selectCell: call('selectCell'),
    signInState: call('signInState'),
    saveSignIn: call('saveSignIn'),
    signOut: call('signOut'),
    apiFetch: call('apiFetch'),
  };
}

/** fetch() for the ApiClient, through the add-on's server side: only the path under the service's address travels. */
export function bridgedFetch(server: AddonServer, serviceUrl: string): typeof fetch {
  return async (input, init = {}) => {
    const url = String(input);
    if (!url.startsWith(serviceUrl)) throw new TypeError('outside the service');
    const headers: Record<string, string> = {};
    new Headers(init.headers).forEach((v, k) => {
      headers[k] = v;
    });
    const body = typeof init.body === 'string' ? init.body : null;
    const res = await server.apiFetch({
      path: url.slice(serviceUrl.length),
      method: init.method ?? 'GET',
      headers,
      body,
    });
    if (res.status === 0) throw new TypeError('the service did not answer');
    return new Response(res.body, {
      status: res.status,
      headers: res.contentType ? { 'Content-Type': res.contentType } : {},
    });
  };
}
