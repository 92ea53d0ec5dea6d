// First start and every start: the store under DATA_DIR, the plan imported once, this year's periods open,
// access codes issued once and written to an owner-only file.
import { randomUUID } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { ownerOnlyFile } from '../store/owner-only.ts';
import { join } from 'node:path';
import { periodsOfYear, vietnamDate } from '../../shared/domain/period.ts';
import { planKey as keyOf } from '../../shared/workbook/template-model.ts';
import { storePathIn } from '../config.ts';
import { loadPlan } from '../plan/load-plan.ts';
import { Store } from '../store/store.ts';
import { UploadReader } from '../workbook/upload-reader.ts';
import { MasterService } from '../master/master-service.ts';
import { issueAdminToken, issueAgencyCode, writeCodesFile } from './access-codes.ts';
import { DEFAULT_CONFIG, type AppContext, type LogEntry, type PlanContext, type ServiceConfig } from './context.ts';
import { planContext } from './plan-context.ts';

export interface BootOptions {
  dataDir: string;
  planFile: string;
  clock?: () => Date;
  log?: (entry: LogEntry) => void;
  config?: Partial<ServiceConfig>;
  /** Submission ids (random UUIDs unless a test injects its own). */
  newId?: () => string;
}

export type Booted =
  | { ok: true; ctx: AppContext; codesPath: string; codesWritten: boolean; openedPeriods: string[] }
  | { ok: false; exitCode: number; message: string };

/** Opens the plan's periods of the current year (Vietnam time) that the store does not have yet; returns their ids. */
export function openPeriodsOfThisYear(store: Store, plan: PlanContext, clock: () => Date): string[] {
  const now = clock();
  const year = Number(vietnamDate(now).slice(0, 4));
  return periodsOfYear(year, plan.plan.reporting).filter((p) => store.openPeriod(p, now.toISOString())).map((p) => p.id);
}

export async function bootstrap(options: BootOptions): Promise<Booted> {
  const clock = options.clock ?? (() => new Date());
  const log = options.log ?? ((entry: LogEntry) => process.stdout.write(`${JSON.stringify({ time: clock().toISOString(), ...entry })}\n`));
  // Everything under DATA_DIR is owner-only, whatever the directory's mode or the process's umask.
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  const storePath = storePathIn(options.dataDir);
  ownerOnlyFile(storePath);
  for (const companion of [`${storePath}-wal`, `${storePath}-shm`]) if (existsSync(companion)) chmodSync(companion, 0o600);
  const store = new Store(storePath);
  const now = clock().toISOString();

  let stored = store.plan();
  if (!stored) {
    const loaded = await loadPlan(options.planFile);
    if (!loaded.ok) { store.close(); return { ok: false, exitCode: loaded.exitCode, message: loaded.message }; }
    store.savePlan(loaded.plan, keyOf(loaded.plan), options.planFile, now);
    stored = store.plan()!;
  }
  const plan = planContext(stored.plan, stored.planKey);

  const openedPeriods = openPeriodsOfThisYear(store, plan, clock);

  const codesPath = join(options.dataDir, 'access-codes.json');
  let codesWritten = false;
  if (!store.hasAdmin()) {
    writeCodesFile(codesPath, { admin: issueAdminToken(store, now), agencies: Object.fromEntries(plan.reporters.map((a) => [a.id, issueAgencyCode(store, a.id, now)])) });
    codesWritten = true;
  } else if (!existsSync(codesPath)) {
    log({ level: 'warn', message: 'access-codes.json is gone; issue new agency codes through the API (POST /api/v1/agencies/:id/access-code).' });
  }
  const config = { ...DEFAULT_CONFIG, ...options.config };
  const master = new MasterService({ storePath, clock, log, submissionSeq: (periodId) => store.submissionSeq(periodId) }, join(options.dataDir, 'master'), config.masterDelayMs);
  const stale = master.catchUp(store.submissionSeqs());
  if (stale.length) log({ level: 'info', message: 'masters older than their latest submission are rebuilt', periods: stale });
  const uploads = new UploadReader({ timeoutMs: config.uploadReadTimeoutMs, heapMb: config.uploadReaderHeapMb, queueLimit: config.uploadQueueLimit });
  const ctx: AppContext = { store, clock, newId: options.newId ?? randomUUID, config, log, plan, master, uploads, codesPath };
  return { ok: true, ctx, codesPath, codesWritten, openedPeriods };
}
