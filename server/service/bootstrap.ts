// First start and every start: the store under DATA_DIR (migrated), the directories seeded, the seed plan
// imported and published when the store has no plan, this year's periods open, access codes issued once
// and written to an owner-only file.
import { randomUUID } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { Directory } from '../../shared/directory/agency.ts';
import { BUNDLED_DIRECTORIES } from '../../shared/directory/bundled.ts';
import { storePathIn } from '../config.ts';
import { loadPlan } from '../plan/load-plan.ts';
import { ownerOnlyFile } from '../store/owner-only.ts';
import { firstUnwritable, unwritable, type Unwritable } from '../store/storage-error.ts';
import { Store } from '../store/store.ts';
import { MasterService } from '../master/master-service.ts';
import { UploadReader } from '../workbook/upload-reader.ts';
import { PlanReader } from '../plan/plan-reader.ts';
import { issueAdminToken, writeCodesFile } from './access-codes.ts';
import { DEFAULT_CONFIG, type AppContext, type GoogleService, type LogEntry, type ServiceConfig } from './context.ts';
import { PlanRegistry } from './plan-registry.ts';
import { importPlan, openPeriodsOfThisYear, publishPlan } from './plan-review.ts';

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

/** The actor of what the service does by itself (the seed import, the yearly periods). */
export const SYSTEM_ACTOR = 'Hệ thống (khởi động)';

/** Opens every published plan's periods of the current year; returns "plan/period" ids. */
export async function openAllPeriodsOfThisYear(ctx: Pick<AppContext, 'store' | 'plans' | 'clock'>): Promise<string[]> {
  const opened: string[] = [];
  for (const p of await ctx.plans.published())
    opened.push(...(await openPeriodsOfThisYear(ctx, p.id)).map((period) => `${p.id}/${period}`));
  return opened;
}

/** The one line a start refuses with when DATA_DIR cannot be written. */
const refusal = (u: Unwritable, dataDir: string): Booted => ({
  ok: false,
  exitCode: 2,
  message:
    `Không khởi động được: không ghi được vào ${u.path ?? dataDir} (${u.reason}); thư mục dữ liệu DATA_DIR phải ghi được. ` +
    `/ Not starting: cannot write to ${u.path ?? dataDir} (${u.reason}); the data folder DATA_DIR must be writable.`,
});

export async function bootstrap(options: BootOptions): Promise<Booted> {
  // Checked first, with a file actually written: a mode says nothing for root or on a read-only mount.
  const blocked = firstUnwritable([options.dataDir, join(options.dataDir, 'master')]);
  if (blocked) return refusal(blocked, options.dataDir);
  try {
    return await boot(options);
  } catch (error) {
    // Something under DATA_DIR that still cannot be written (the store's file itself, read-only).
    const u = unwritable(error);
    if (u) return refusal(u, options.dataDir);
    throw error;
  }
}

async function boot(options: BootOptions): Promise<Booted> {
  const clock = options.clock ?? (() => new Date());
  const log =
    options.log ??
    ((entry: LogEntry) => process.stdout.write(`${JSON.stringify({ time: clock().toISOString(), ...entry })}\n`));
  // Everything under DATA_DIR is owner-only, whatever the directory's mode or the process's umask.
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  const storePath = storePathIn(options.dataDir);
  ownerOnlyFile(storePath);
  for (const companion of [`${storePath}-wal`, `${storePath}-shm`])
    if (existsSync(companion)) chmodSync(companion, 0o600);
  const store = new Store(storePath);
  // Checkpoints happen in the master worker after each build; this connection only past 40 MB of WAL.
  await store.checkpointOnlyPast(10_000);
  const now = clock().toISOString();

  // The directories become data of the store, seeded from the bundled ones.
  const known = new Set((await store.directories()).map((d) => d.id));
  for (const directory of BUNDLED_DIRECTORIES)
    if (!known.has(directory.id)) await store.saveDirectory(Directory.parse(directory), now);

  const config = { ...DEFAULT_CONFIG, ...options.config };
  const codesPath = join(options.dataDir, 'access-codes.json');
  // A rewrite of the codes file killed mid-way leaves its temporary file (the codes in force, owner-only): removed.
  for (const name of readdirSync(options.dataDir))
    if (/^access-codes\.json\.\d+\.tmp$/.test(name)) rmSync(join(options.dataDir, name), { force: true });
  let codesWritten = false;
  if (!(await store.hasCoordinator())) {
    // The first token reaches its owner only through the file: written inside the transaction, so a file that
    // cannot be written leaves no token stored that nobody has (the next start issues one again).
    await store.transaction(async (tx) =>
      writeCodesFile(codesPath, { admin: await issueAdminToken(tx, now), agencies: {} }),
    );
    codesWritten = true;
  }
  let google: GoogleService | null = null;
  if (config.google) {
    try {
      // Loaded only when configured: without Google, none of its libraries is even read.
      const [{ GoogleApi }, { MasterPublisher }] = await Promise.all([
        import('../google/api.ts'),
        import('../google/master-publisher.ts'),
      ]);
      const api = new GoogleApi({
        keyFile: config.google.keyFile,
        rootUrl: config.google.rootUrl,
        readsPerMinute: config.google.readsPerMinute,
        writesPerMinute: config.google.writesPerMinute,
      });
      google = {
        deps: { api, folderId: config.google.folderId, contact: config.contact },
        publisher: config.google.publishMaster ? new MasterPublisher(store, api, clock, log) : null,
      };
    } catch (error) {
      await store.close();
      return {
        ok: false,
        exitCode: 2,
        message: `Cấu hình Google không dùng được / Unusable Google configuration: ${(error as Error).message}`,
      };
    }
  }
  const publisher = google?.publisher ?? null;
  const master = new MasterService(
    {
      storePath,
      clock,
      log,
      submissionSeq: (key) => {
        const [plan, period] = key.split('/');
        return store.submissionSeq(plan!, period!);
      },
      ...(publisher
        ? { afterBuild: (key: string, path: string, seq: number) => publisher.publish(key, path, seq) }
        : {}),
    },
    join(options.dataDir, 'master'),
    config.masterDelayMs,
  );
  const uploads = new UploadReader({
    timeoutMs: config.uploadReadTimeoutMs,
    heapMb: config.uploadReaderHeapMb,
    queueLimit: config.uploadQueueLimit,
    size: config.uploadReaders,
    queuePerKey: config.uploadQueuePerCode,
  });
  const planReader = new PlanReader({
    timeoutMs: config.planReadTimeoutMs,
    heapMb: config.planReaderHeapMb,
    queueLimit: config.planQueueLimit,
  });
  const ctx: AppContext = {
    store,
    clock,
    newId: options.newId ?? randomUUID,
    config,
    log,
    plans: new PlanRegistry(store),
    master,
    uploads,
    planReader,
    codesPath,
    google,
  };

  if ((await store.plans()).length === 0) {
    // The seed (or PLAN_FILE) is checked as a whole first: a plan with blocking issues does not start the service.
    const loaded = await loadPlan(options.planFile);
    if (!loaded.ok) {
      await store.close();
      return { ok: false, exitCode: loaded.exitCode, message: loaded.message };
    }
    const imported = await importPlan(
      ctx,
      {
        bytes: new Uint8Array(await readFile(options.planFile)),
        name: basename(options.planFile),
        actor: SYSTEM_ACTOR,
      },
      true,
    );
    const published = imported.ok ? await publishPlan(ctx, imported.planId, SYSTEM_ACTOR, true) : imported;
    if (!published.ok) {
      await store.close();
      return {
        ok: false,
        exitCode: 1,
        message: `Không nhập được kế hoạch ${options.planFile} / Cannot import the plan: ${published.error.code}`,
      };
    }
  }
  const openedPeriods = await openAllPeriodsOfThisYear(ctx);
  if (!codesWritten && !existsSync(codesPath)) {
    log({
      level: 'warn',
      message:
        'access-codes.json is gone; issue new agency codes through the API (POST /api/v1/agencies/:id/access-code).',
    });
  }
  const stale = master.catchUp(await store.submissionSeqs());
  if (stale.length)
    log({ level: 'info', message: 'masters older than their latest submission are rebuilt', periods: stale });
  return { ok: true, ctx, codesPath, codesWritten, openedPeriods };
}
