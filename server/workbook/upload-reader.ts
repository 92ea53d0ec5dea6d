// Work a stranger can make long, off the event loop: reading uploaded workbooks and agencies' report bodies, and
// generating workbooks for download, in a pool of worker threads (one per core by default), each with a heap limit,
// every job with a deadline. A job that runs past it or exhausts the heap costs its sender one refusal and its worker
// a restart. Jobs are served fairly: each access code has at most `perKey` jobs in the readers and `queuePerKey`
// waiting (more are refused at once, 429), and the codes with work waiting take turns, so one agency's flood waits
// behind its own jobs while the others' are served first.
import { Worker } from 'node:worker_threads';
import { UnwritableText } from '../../shared/text/clean-text.ts';
import type { GenerateOptions } from './generate-workbook.ts';
import type { ReportBodyRead } from '../../shared/api/json-body.ts';
import { wordProblem } from '../../shared/api/problems.ts';
import { workerEntry } from '../paths.ts';
import type { JobInput, JobOutput, ReadJob, ReadJobResult } from './read-job.ts';
import type { WorkbookLimits, XlsxRead } from './xlsx-reader.ts';
import type { TemplateModel } from '../../shared/workbook/template-model.ts';

export interface UploadReaderOptions {
  timeoutMs: number;
  heapMb: number;
  /** Jobs of all codes waiting beyond this many: refused (503). */
  queueLimit: number;
  /** Worker threads (at least 1). */
  size?: number;
  /** Jobs of one code waiting beyond this many: refused (429). */
  queuePerKey?: number;
  /** The deadline of generating one workbook (a large plan's is longer than any read). */
  generateTimeoutMs?: number;
}

/** Who a job is for: its access code's owner, whose jobs take turns with everyone else's. `bounded: false` (staff
 * downloads, one job at a time) is never refused for the queue's length. */
export interface JobOwner {
  key: string;
  bounded?: boolean;
}

/** Thrown when a job cannot wait: scope `code` when its code has `limit` jobs waiting already (429), `service` when all
 * codes together have (503); `retryAfterS` is when to try again. */
export class ReaderBusy extends Error {
  constructor(
    readonly scope: 'code' | 'service',
    readonly limit: number,
    readonly retryAfterS: number,
  ) {
    super(`busy (${scope}, ${limit})`);
  }
}

interface Pending {
  id: number;
  key: string;
  input: JobInput;
  transfer: ArrayBuffer[];
  timeoutMs: number;
  done: (output: JobOutput) => void;
  fail: (error: Error) => void;
}
interface Slot {
  worker: Worker | null;
  ready: Promise<Worker> | null;
  job: Pending | null;
  timer: NodeJS.Timeout | null;
}

type Outputs = { read: XlsxRead; report: ReportBodyRead; bytes: Uint8Array };
/** A job's answer, or its failure (an exception in the worker) thrown. */
function outputOf<K extends keyof Outputs>(output: JobOutput, field: K): Outputs[K] {
  // A writer refusing text it was handed is said as such (a 500 naming the cell), not as a failed job.
  if ('error' in output)
    throw output.unwritable ? new UnwritableText(output.error) : new Error(`reader job failed: ${output.error}`);
  return (output as Record<K, Outputs[K]>)[field];
}

const WORKER = workerEntry('read-worker.js', 'server/workbook/read-worker.js');

export class UploadReader {
  private readonly slots: Slot[];
  /** Waiting jobs per key. */
  private readonly waiting = new Map<string, Pending[]>();
  private readonly running = new Map<string, number>();
  /** When each key with work running or waiting was last served (a turn number): the longest ago goes next. */
  private readonly served = new Map<string, number>();
  private turn = 0;
  private waitingCount = 0;
  private nextId = 1;
  private closed = false;
  /** Jobs of one code in the readers at once: a few, and never every reader while there are two or more. */
  readonly perKey: number;
  readonly queuePerKey: number;
  /** Workers started so far (each first start, and one after each job that had to be stopped). */
  started = 0;

  constructor(private readonly options: UploadReaderOptions) {
    const size = Math.max(1, options.size ?? 1);
    this.slots = Array.from({ length: size }, () => ({ worker: null, ready: null, job: null, timer: null }));
    this.perKey = Math.max(1, Math.min(2, size - 1));
    this.queuePerKey = options.queuePerKey ?? 4;
  }

  get size(): number {
    return this.slots.length;
  }

  /** An uploaded .xlsx as a grid. */
  async read(bytes: Uint8Array, limits: WorkbookLimits, owner: JobOwner = { key: '' }): Promise<XlsxRead> {
    const copy = new Uint8Array(bytes); // a copy of its own to hand over (a Buffer's slice would be a view of a pooled one)
    return outputOf(
      await this.run(
        owner,
        { kind: 'xlsx', bytes: copy, limits },
        [copy.buffer as ArrayBuffer],
        this.options.timeoutMs,
      ),
      'read',
    );
  }

  /** An agency's report body (JSON bytes), counted, parsed and checked. */
  async readReport(bytes: Uint8Array, owner: JobOwner): Promise<ReportBodyRead> {
    const copy = new Uint8Array(bytes); // a copy of its own to hand over (a Buffer's slice would be a view of a pooled one)
    return outputOf(
      await this.run(owner, { kind: 'report', bytes: copy }, [copy.buffer as ArrayBuffer], this.options.timeoutMs),
      'report',
    );
  }

  /** A generated agency workbook. */
  async generate(model: TemplateModel, options: GenerateOptions, owner: JobOwner): Promise<Uint8Array> {
    return outputOf(
      await this.run(
        owner,
        { kind: 'template', model, options },
        [],
        this.options.generateTimeoutMs ?? Math.max(30_000, this.options.timeoutMs),
      ),
      'bytes',
    );
  }

  private run(owner: JobOwner, input: JobInput, transfer: ArrayBuffer[], timeoutMs: number): Promise<JobOutput> {
    if (this.closed) return Promise.reject(new Error('upload reader closed'));
    const queue = this.waiting.get(owner.key) ?? [];
    const mustWait =
      (this.running.get(owner.key) ?? 0) >= this.perKey ||
      queue.length > 0 ||
      !this.slots.some((s) => s.worker && !s.job);
    if (mustWait && owner.bounded !== false) {
      if (queue.length >= this.queuePerKey)
        throw new ReaderBusy(
          'code',
          this.queuePerKey,
          Math.max(1, Math.ceil((this.options.timeoutMs * (queue.length + 1)) / this.perKey / 1000)),
        );
      if (this.waitingCount >= this.options.queueLimit) throw new ReaderBusy('service', this.options.queueLimit, 5);
    }
    return new Promise((done, fail) => {
      // A code that had nothing running or waiting joins the turns just ahead of the code served last (and behind
      // every other): it neither jumps the codes already waiting nor waits behind a flood.
      if (!this.served.has(owner.key)) this.served.set(owner.key, this.turn - 0.5);
      queue.push({ id: this.nextId++, key: owner.key, input, transfer, timeoutMs, done, fail });
      this.waitingCount += 1;
      this.waiting.set(owner.key, queue);
      this.pump();
    });
  }

  /** The next job in turn: of the keys with work waiting and room under their limit, the one served longest ago. */
  private take(): Pending | null {
    let best: string | null = null;
    for (const key of this.waiting.keys()) {
      if ((this.running.get(key) ?? 0) >= this.perKey) continue;
      if (best === null || this.served.get(key)! < this.served.get(best)!) best = key;
    }
    if (best === null) return null;
    const queue = this.waiting.get(best)!;
    const job = queue.shift()!;
    if (queue.length === 0) this.waiting.delete(best);
    this.waitingCount -= 1;
    this.served.set(best, ++this.turn);
    return job;
  }

  /** Hands waiting jobs to idle workers in turn; while jobs still wait, starts the workers not running yet. */
  private pump() {
    if (this.closed) return;
    for (const slot of this.slots) {
      if (slot.job || !slot.worker) continue;
      const job = this.take();
      if (!job) break;
      this.running.set(job.key, (this.running.get(job.key) ?? 0) + 1);
      this.start(slot, slot.worker, job);
    }
    // A job waits for whichever worker is free first, a running one or one being started: never for a start alone.
    let starting = this.slots.filter((slot) => slot.ready && !slot.worker).length;
    for (const slot of this.slots) {
      if (starting >= this.waitingCount) break;
      if (slot.ready) continue;
      starting += 1;
      this.spawn(slot).then(
        () => this.pump(),
        (error: Error) => {
          // No worker can start: the jobs waiting are failed rather than left waiting forever.
          if (this.slots.some((s) => s.ready)) return;
          for (const queue of this.waiting.values()) for (const job of queue) job.fail(error);
          this.waiting.clear();
          this.served.clear();
          this.waitingCount = 0;
        },
      );
    }
  }

  private start(slot: Slot, worker: Worker, job: Pending) {
    slot.job = job;
    slot.timer = setTimeout(() => this.timeout(slot, worker), job.timeoutMs);
    worker.postMessage({ id: job.id, input: job.input } satisfies ReadJob, job.transfer);
  }

  private spawn(slot: Slot): Promise<Worker> {
    slot.ready ??= new Promise<Worker>((resolve, reject) => {
      this.started += 1;
      const worker = new Worker(WORKER, {
        resourceLimits: { maxOldGenerationSizeMb: this.options.heapMb, maxYoungGenerationSizeMb: 32, stackSizeMb: 4 },
      });
      worker.unref();
      let ready = false;
      let dead = false;
      worker.once('message', (first) => {
        if (first !== 'ready') return;
        ready = true;
        slot.worker = worker;
        worker.on('message', (result: ReadJobResult) => this.finish(slot, result));
        resolve(worker);
      });
      // A worker that dies (out of memory, or stopped at its deadline) takes only the job it was running.
      const died = (tooComplex: boolean, error: Error | null) => {
        if (dead) return;
        dead = true;
        if (!ready) {
          slot.ready = null;
          reject(error ?? new Error('upload reader did not start'));
          return;
        }
        if (slot.worker === worker) this.lost(slot, tooComplex, error);
      };
      worker.on('error', (error) => died((error as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY', error));
      worker.on('exit', () => died(true, null));
    });
    return slot.ready;
  }

  /** The slot is free again and its job's key has one job fewer running. */
  private settle(slot: Slot, job: Pending) {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    slot.job = null;
    const running = (this.running.get(job.key) ?? 1) - 1;
    if (running > 0) this.running.set(job.key, running);
    else {
      this.running.delete(job.key);
      if (!this.waiting.has(job.key)) this.served.delete(job.key);
    }
    // Called from a worker's event or a timer, never from inside pump(): the next job can start now.
    queueMicrotask(() => this.pump());
  }

  private finish(slot: Slot, result: ReadJobResult) {
    const job = slot.job;
    if (!job || job.id !== result.id) return;
    this.settle(slot, job);
    job.done(result.output);
  }

  private stopWorker(slot: Slot): Worker | null {
    const worker = slot.worker;
    slot.worker = null;
    slot.ready = null;
    return worker;
  }

  private timeout(slot: Slot, worker: Worker) {
    const job = slot.job;
    if (!job) return;
    if (slot.worker === worker) void this.stopWorker(slot)?.terminate();
    this.settle(slot, job);
    job.done(
      job.input.kind === 'xlsx'
        ? { read: { ok: false, error: { code: 'workbook-timeout', limitMs: job.timeoutMs } } }
        : job.input.kind === 'report'
          ? {
              report: {
                ok: false,
                refusal: { ...wordProblem('payload-timeout', { limitMs: job.timeoutMs }), extra: {} },
              },
            }
          : { error: `timed out after ${job.timeoutMs} ms` },
    );
  }

  private lost(slot: Slot, tooComplex: boolean, error: Error | null) {
    this.stopWorker(slot);
    const job = slot.job;
    if (!job) {
      queueMicrotask(() => this.pump());
      return;
    }
    this.settle(slot, job);
    if (!tooComplex) {
      job.fail(error ?? new Error('upload reader stopped'));
      return;
    }
    job.done(
      job.input.kind === 'xlsx'
        ? { read: { ok: false, error: { code: 'workbook-too-complex' } } }
        : job.input.kind === 'report'
          ? { report: { ok: false, refusal: { ...wordProblem('payload-too-complex'), extra: {} } } }
          : { error: error?.message ?? 'the generator ran out of memory' },
    );
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const queue of this.waiting.values()) for (const job of queue) job.fail(new Error('upload reader closed'));
    this.waiting.clear();
    this.served.clear();
    this.waitingCount = 0;
    await Promise.all(
      this.slots.map(async (slot) => {
        if (slot.job) {
          if (slot.timer) clearTimeout(slot.timer);
          slot.job.fail(new Error('upload reader closed'));
          slot.job = null;
        }
        const worker = slot.worker ?? (slot.ready ? await slot.ready.catch(() => null) : null);
        this.stopWorker(slot);
        if (worker) await worker.terminate();
      }),
    );
  }
}
