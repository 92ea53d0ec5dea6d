// Reading untrusted workbooks off the event loop: one worker thread with a heap limit, one file at a time,
// each with a deadline. A file that runs past it or exhausts the heap costs its sender one refusal and
// the worker a restart; /health and other agencies' requests are answered meanwhile.
import { Worker } from 'node:worker_threads';
import { workerEntry } from '../paths.ts';
import type { ReadJob, ReadJobResult } from './read-job.ts';
import type { WorkbookLimits, XlsxRead } from './xlsx-reader.ts';

export interface UploadReaderOptions { timeoutMs: number; heapMb: number; queueLimit: number }

/** Thrown when more uploads wait than the queue holds: the caller answers 503 and the client retries. */
export class ReaderBusy extends Error {}

interface Pending { id: number; bytes: Uint8Array; limits: WorkbookLimits; done: (read: XlsxRead) => void; fail: (error: Error) => void }

const WORKER = workerEntry('read-worker.js', 'server/workbook/read-worker.js');

export class UploadReader {
  private worker: Worker | null = null;
  private ready: Promise<Worker> | null = null;
  private readonly queue: Pending[] = [];
  private current: { job: Pending; timer: NodeJS.Timeout } | null = null;
  private nextId = 1;
  private closed = false;
  /** Workers started so far (the first, and one after each file that had to be stopped). */
  started = 0;

  constructor(private readonly options: UploadReaderOptions) {}

  read(bytes: Uint8Array, limits: WorkbookLimits): Promise<XlsxRead> {
    if (this.closed) return Promise.reject(new Error('upload reader closed'));
    if (this.queue.length >= this.options.queueLimit) return Promise.reject(new ReaderBusy());
    return new Promise((done, fail) => {
      this.queue.push({ id: this.nextId++, bytes, limits, done, fail });
      this.pump();
    });
  }

  private spawn(): Promise<Worker> {
    this.ready ??= new Promise<Worker>((resolve, reject) => {
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
        this.worker = worker;
        worker.on('message', (result: ReadJobResult) => this.finish(result.id, result.read));
        resolve(worker);
      });
      // A worker that dies (out of memory, or stopped at its deadline) takes only the file it was reading.
      const died = (code: 'workbook-too-complex' | null, error: Error | null) => {
        if (dead) return;
        dead = true;
        if (!ready) { this.ready = null; reject(error ?? new Error('upload reader did not start')); return; }
        if (this.worker === worker) this.lost(code, error);
      };
      worker.on('error', (error) => died((error as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'workbook-too-complex' : null, error));
      worker.on('exit', () => died('workbook-too-complex', null));
    });
    return this.ready;
  }

  private pump() {
    if (this.current || this.queue.length === 0 || this.closed) return;
    const job = this.queue.shift()!;
    // The deadline starts when the file reaches a ready worker, not while a worker is starting.
    const placeholder = { job, timer: setTimeout(() => undefined, 0) };
    this.current = placeholder;
    this.spawn().then((worker) => {
      if (this.current !== placeholder) return;
      clearTimeout(placeholder.timer);
      placeholder.timer = setTimeout(() => this.timeout(worker), this.options.timeoutMs);
      const copy = job.bytes.slice();
      worker.postMessage({ id: job.id, bytes: copy, limits: job.limits } satisfies ReadJob, [copy.buffer]);
    }, (error: Error) => { this.current = null; this.ready = null; job.fail(error); this.pump(); });
  }

  private finish(id: number, read: XlsxRead) {
    const current = this.current;
    if (!current || current.job.id !== id) return;
    clearTimeout(current.timer);
    this.current = null;
    current.job.done(read);
    this.pump();
  }

  private timeout(worker: Worker) {
    const current = this.current;
    if (!current) return;
    this.current = null;
    if (this.worker === worker) { this.worker = null; this.ready = null; }
    void worker.terminate();
    current.job.done({ ok: false, error: { code: 'workbook-timeout', limitMs: this.options.timeoutMs } });
    this.pump();
  }

  private lost(code: 'workbook-too-complex' | null, error: Error | null) {
    this.worker = null;
    this.ready = null;
    const current = this.current;
    this.current = null;
    if (current) {
      clearTimeout(current.timer);
      if (code) current.job.done({ ok: false, error: { code } });
      else current.job.fail(error ?? new Error('upload reader stopped'));
    }
    this.pump();
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.fail(new Error('upload reader closed'));
    if (this.current) { clearTimeout(this.current.timer); this.current.job.fail(new Error('upload reader closed')); this.current = null; }
    const worker = this.worker ?? (this.ready ? await this.ready.catch(() => null) : null);
    this.worker = null;
    this.ready = null;
    if (worker) await worker.terminate();
  }
}
