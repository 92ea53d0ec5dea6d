// Work a stranger can make long, off the event loop: one worker thread with its own heap, one job at a time, each
// with a deadline. A job that runs past it (or exhausts the heap) costs its sender one refusal and the worker a
// restart; /health and every other request are answered meanwhile. Generic over the job: the worker's entry
// serves jobs with `serveJobs` (serve-jobs.ts). The upload reader has its own pool (server/workbook/upload-reader.ts);
// the two can be merged later.
import { Worker } from 'node:worker_threads';

export interface DeadlineWorkerOptions {
  /** The worker's entry file (see `workerEntry` in server/paths.ts). */
  entry: string;
  timeoutMs: number;
  heapMb: number;
  /** Jobs waiting beyond this many are refused at once ('busy'). */
  queueLimit: number;
}

/** The job's answer, or why there is none: past the deadline, out of its heap, or too many waiting. */
export type Outcome<R> = { ok: true; value: R } | { ok: false; reason: 'timeout' | 'out-of-memory' | 'busy' };

/** The messages between the runner and the worker. */
export interface JobMessage<J> {
  id: number;
  job: J;
}
export interface ResultMessage<R> {
  id: number;
  result: R;
}

interface Pending<J, R> {
  id: number;
  job: J;
  transfer: ArrayBuffer[];
  done: (outcome: Outcome<R>) => void;
  fail: (error: Error) => void;
}

export class DeadlineWorker<J, R> {
  private worker: Worker | null = null;
  private ready: Promise<Worker> | null = null;
  private readonly queue: Pending<J, R>[] = [];
  private current: { job: Pending<J, R>; timer: NodeJS.Timeout | null } | null = null;
  private nextId = 1;
  private closed = false;
  /** Workers started so far (the first, and one after each job that had to be stopped). */
  started = 0;

  constructor(private readonly options: DeadlineWorkerOptions) {}

  /** Runs a job in the worker; `transfer` hands buffers over instead of copying them (the caller must not use them after). */
  run(job: J, transfer: ArrayBuffer[] = []): Promise<Outcome<R>> {
    if (this.closed) return Promise.reject(new Error('worker closed'));
    if (this.queue.length >= this.options.queueLimit) return Promise.resolve({ ok: false, reason: 'busy' });
    return new Promise((done, fail) => {
      this.queue.push({ id: this.nextId++, job, transfer, done, fail });
      this.pump();
    });
  }

  private spawn(): Promise<Worker> {
    this.ready ??= new Promise<Worker>((resolve, reject) => {
      this.started += 1;
      const worker = new Worker(this.options.entry, {
        resourceLimits: { maxOldGenerationSizeMb: this.options.heapMb, maxYoungGenerationSizeMb: 32, stackSizeMb: 4 },
      });
      worker.unref();
      let ready = false;
      let dead = false;
      worker.once('message', (first) => {
        if (first !== 'ready') return;
        ready = true;
        this.worker = worker;
        worker.on('message', (message: ResultMessage<R>) => this.finish(message.id, message.result));
        resolve(worker);
      });
      const died = (outOfMemory: boolean, error: Error | null) => {
        if (dead) return;
        dead = true;
        if (!ready) {
          this.ready = null;
          reject(error ?? new Error('worker did not start'));
          return;
        }
        if (this.worker === worker) this.lost(outOfMemory, error);
      };
      worker.on('error', (error) => died((error as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY', error));
      worker.on('exit', () => died(true, null));
    });
    return this.ready;
  }

  private pump() {
    if (this.current || this.queue.length === 0 || this.closed) return;
    const job = this.queue.shift()!;
    // The deadline starts when the job reaches a ready worker, not while a worker is starting.
    const current: { job: Pending<J, R>; timer: NodeJS.Timeout | null } = { job, timer: null };
    this.current = current;
    this.spawn().then(
      (worker) => {
        if (this.current !== current) return;
        current.timer = setTimeout(() => this.timeout(worker), this.options.timeoutMs);
        worker.postMessage({ id: job.id, job: job.job } satisfies JobMessage<J>, job.transfer);
      },
      (error: Error) => {
        this.current = null;
        this.ready = null;
        job.fail(error);
        this.pump();
      },
    );
  }

  private finish(id: number, result: R) {
    const current = this.current;
    if (!current || current.job.id !== id) return;
    if (current.timer) clearTimeout(current.timer);
    this.current = null;
    current.job.done({ ok: true, value: result });
    this.pump();
  }

  private timeout(worker: Worker) {
    const current = this.current;
    if (!current) return;
    this.current = null;
    if (this.worker === worker) {
      this.worker = null;
      this.ready = null;
    }
    void worker.terminate();
    current.job.done({ ok: false, reason: 'timeout' });
    this.pump();
  }

  private lost(outOfMemory: boolean, error: Error | null) {
    this.worker = null;
    this.ready = null;
    const current = this.current;
    this.current = null;
    if (current) {
      if (current.timer) clearTimeout(current.timer);
      if (outOfMemory) current.job.done({ ok: false, reason: 'out-of-memory' });
      else current.job.fail(error ?? new Error('worker stopped'));
    }
    this.pump();
  }

  /** Starts the worker now rather than with the first job (a worker that fails to start is tried again by that job). */
  warm(): void {
    if (!this.closed) this.spawn().catch(() => undefined);
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.fail(new Error('worker closed'));
    if (this.current) {
      if (this.current.timer) clearTimeout(this.current.timer);
      this.current.job.fail(new Error('worker closed'));
      this.current = null;
    }
    const worker = this.worker ?? (this.ready ? await this.ready.catch(() => null) : null);
    this.worker = null;
    this.ready = null;
    if (worker) await worker.terminate();
  }
}
