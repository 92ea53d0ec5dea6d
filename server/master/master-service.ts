// Keeping the master workbook current: rebuilt after accepted submissions (bursts coalesced) and on demand,
// written to a temporary file and renamed, so a reader never sees half a workbook.
import { chmodSync, existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { ownerOnlyDir, writeOwnerOnly } from '../store/owner-only.ts';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { workerEntry } from '../paths.ts';
import type { MasterJob, MasterJobResult } from './master-build-job.ts';

export interface MasterDeps {
  /** The SQLite file: each build opens its own connection in a worker thread. */
  storePath: string;
  clock: () => Date;
  log: (entry: Record<string, unknown>) => void;
  /** The sequence number of the latest committed submission of a "plan/period" key (0 when none). */
  submissionSeq: (key: string) => Promise<number>;
  /** Called after each build with the master's path and the submission it holds (the Google publisher). */
  afterBuild?: (key: string, path: string, seq: number) => void;
}

const WORKER = workerEntry('master-worker.js', 'server/master/master-worker.js');
/** A master's or a marker's temporary file: "master-plan--period.xlsx.<pid>.tmp" (writeOwnerOnly's "….json.<pid>.tmp"). */
const TEMPORARY = /^master-.+\.(xlsx|json)\.\d+\.tmp$/;

/**
 * The one master worker thread, started on the first build and kept: each build is a message to it. A worker that
 * dies (out of memory, a crash) fails the builds it held and is started afresh for the next one.
 */
class MasterWorker {
  private worker: Worker | null = null;
  /** Threads started so far: one, unless a worker died. */
  starts = 0;
  private next = 1;
  private readonly pending = new Map<number, { resolve: () => void; reject: (error: Error) => void }>();

  private start(): Worker {
    const worker = new Worker(WORKER);
    this.starts += 1;
    worker.on('message', (result: MasterJobResult) => {
      const waiter = this.pending.get(result.id);
      this.pending.delete(result.id);
      if (this.pending.size === 0) worker.unref();
      if (result.ok) waiter?.resolve();
      else
        waiter?.reject(
          Object.assign(
            new Error(result.message),
            result.code ? { code: result.code } : {},
            result.path ? { path: result.path } : {},
          ),
        );
    });
    const fail = (error: Error) => {
      if (this.worker === worker) this.worker = null;
      for (const waiter of this.pending.values()) waiter.reject(error);
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`master worker exited with ${code}`)));
    return worker;
  }

  build(job: Omit<MasterJob, 'id'>): Promise<void> {
    this.worker ??= this.start();
    const id = this.next++;
    // Held while it has work; an idle worker does not keep the process alive.
    this.worker.ref();
    return new Promise<void>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker!.postMessage({ ...job, id });
    });
  }

  async stop(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    if (worker) await worker.terminate();
  }
}

export class MasterService {
  private readonly dirty = new Set<string>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly running = new Map<string, Promise<string>>();
  /** Builds waiting for their quiet moment, each resolved once its build has run. */
  private readonly scheduled = new Map<string, Promise<void>>();
  private stopped = false;
  private readonly worker = new MasterWorker();
  /** How many builds ran, per "plan/period" key (for tests and logs). */
  readonly builds = new Map<string, number>();

  constructor(
    private readonly deps: MasterDeps,
    private readonly dir: string,
    private readonly delayMs = 1000,
  ) {
    ownerOnlyDir(dir);
    // A build killed mid-way (kill -9, a power cut) leaves its temporary file: no build runs yet, so every one is a leftover.
    const leftovers = readdirSync(dir).filter((name) => TEMPORARY.test(name));
    for (const name of leftovers) rmSync(join(dir, name), { force: true });
    if (leftovers.length)
      deps.log({ level: 'info', message: 'leftover temporary files removed', dir, files: leftovers });
  }

  // Masters are kept per plan and period: the key is "plan/period", the file "master-plan--period.xlsx".
  pathOf(key: string) {
    return join(this.dir, `master-${key.replace('/', '--')}.xlsx`);
  }
  private markerOf(key: string) {
    return join(this.dir, `master-${key.replace('/', '--')}.json`);
  }

  /** The latest submission a period's master on disk is known to hold (0 when unknown). */
  builtSeq(key: string): number {
    try {
      const marker = JSON.parse(readFileSync(this.markerOf(key), 'utf8')) as { seq?: unknown };
      return typeof marker.seq === 'number' && existsSync(this.pathOf(key)) ? marker.seq : 0;
    } catch {
      return 0;
    }
  }

  /**
   * After a start (a crash may have come between a commit and its build): rebuilds every period whose
   * master is older than its latest submission. Returns the "plan/period" keys scheduled.
   */
  catchUp(latest: Map<string, number>): string[] {
    const stale = [...latest].filter(([key, seq]) => this.builtSeq(key) < seq).map(([key]) => key);
    for (const key of stale) this.schedule(key);
    return stale;
  }

  /** Marks a period's master stale and rebuilds it after a quiet moment; a burst gives one build. */
  schedule(key: string): void {
    this.dirty.add(key);
    if (this.stopped || this.timers.has(key)) return;
    let fired!: () => void;
    const done = new Promise<void>((resolve) => {
      fired = resolve;
    });
    this.scheduled.set(key, done);
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        this.build(key)
          .catch((error: Error) =>
            this.deps.log({ level: 'error', message: `master build failed: ${error.message}`, key }),
          )
          .finally(() => {
            if (this.scheduled.get(key) === done) this.scheduled.delete(key);
            fired();
          });
      }, this.delayMs),
    );
  }

  /** Resolves when every scheduled build has run and none is running (a test waits on this, not on a clock). */
  async settled(): Promise<void> {
    while (this.scheduled.size > 0 || this.running.size > 0) {
      await Promise.allSettled([...this.scheduled.values(), ...this.running.values()]);
    }
  }

  /** The path of a current master: built now if stale or missing. */
  async current(key: string): Promise<string> {
    if (this.dirty.has(key) || !existsSync(this.pathOf(key))) return this.build(key);
    return this.running.get(key) ?? this.pathOf(key);
  }

  /** Builds one period's master; concurrent calls share one build, and a build that went stale runs again. */
  async build(key: string): Promise<string> {
    const running = this.running.get(key);
    if (running) {
      await running.catch(() => undefined);
      if (!this.dirty.has(key)) return this.pathOf(key);
      return this.build(key);
    }
    const job = this.write(key).finally(() => this.running.delete(key));
    this.running.set(key, job);
    return job;
  }

  private async write(key: string): Promise<string> {
    this.dirty.delete(key);
    const started = performance.now();
    const target = this.pathOf(key);
    const temporary = `${target}.${process.pid}.tmp`;
    // One of an earlier failed build would keep its own mode: the new one is created afresh, 0600.
    rmSync(temporary, { force: true });
    // Everything committed before this point is in the worker's snapshot, so the build holds at least it.
    const seq = await this.deps.submissionSeq(key);
    const [planId, period] = key.split('/') as [string, string];
    try {
      await this.worker.build({
        storePath: this.deps.storePath,
        planId,
        periodId: period,
        target: temporary,
        now: this.deps.clock().toISOString(),
      });
      chmodSync(temporary, 0o600);
      renameSync(temporary, target);
    } catch (error) {
      // A failed build leaves no half workbook behind (a killed process's are removed at the next start).
      rmSync(temporary, { force: true });
      throw error;
    }
    writeOwnerOnly(this.markerOf(key), `${JSON.stringify({ seq })}\n`);
    this.builds.set(key, (this.builds.get(key) ?? 0) + 1);
    this.deps.afterBuild?.(key, target, seq);
    this.deps.log({
      level: 'info',
      message: 'master built',
      key,
      ms: Math.round(performance.now() - started),
      bytes: statSync(target).size,
    });
    return target;
  }

  /** Forgets a deleted period's master: its pending build, the file and its marker. */
  async discard(key: string): Promise<void> {
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    this.scheduled.delete(key);
    this.dirty.delete(key);
    await this.running.get(key)?.catch(() => undefined);
    rmSync(this.pathOf(key), { force: true });
    rmSync(this.markerOf(key), { force: true });
  }

  /** How many worker threads the builds have needed (one while none dies). */
  get workerStarts(): number {
    return this.worker.starts;
  }

  /** Ends the worker thread as if it had died (for tests of the recovery); the next build starts another. */
  async killWorker(): Promise<void> {
    await this.worker.stop();
  }

  /** Resolves when no build is running; once stopped, the worker thread is ended too. */
  async idle(): Promise<void> {
    await Promise.allSettled([...this.running.values()]);
    if (this.stopped) await this.worker.stop();
  }

  stop() {
    this.stopped = true;
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    this.scheduled.clear();
  }
}
