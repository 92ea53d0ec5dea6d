// The service's plan reader: every plan document it parses (an import, the re-read after a correction, a review)
// is read in a worker thread with a deadline and a heap limit, never on the event loop. The last few readings are
// kept by a key the caller gives (what the reading depends on), so showing a plan again does not parse it again.
import { workerEntry } from '../paths.ts';
import { DeadlineWorker } from '../worker/deadline-worker.ts';
import {
  readPlanForReview,
  type PlanReadError,
  type PlanReadInput,
  type PlanReading,
  type PlanReadingOk,
} from './read-plan.ts';

export interface PlanReaderOptions {
  timeoutMs: number;
  heapMb: number;
  queueLimit: number;
}

/** Why a reading has no result beyond what the document says: past the deadline, out of its heap, too many waiting. */
export type PlanReaderError =
  PlanReadError | { code: 'plan-timeout'; limitMs: number } | { code: 'plan-too-complex' } | { code: 'busy' };
export type PlanReaderResult = PlanReadingOk | { ok: false; error: PlanReaderError };

const WORKER = workerEntry('plan-read-worker.js', 'server/plan/plan-read-worker.js');
const KEPT = 4;

export class PlanReader {
  private readonly worker: DeadlineWorker<PlanReadInput, PlanReading>;
  private readonly kept = new Map<string, PlanReadingOk>();

  constructor(private readonly options: PlanReaderOptions) {
    this.worker = new DeadlineWorker({ entry: WORKER, ...options });
  }

  /** Workers started so far (the first, and one after each document that had to be stopped). */
  get started(): number {
    return this.worker.started;
  }

  /**
   * Reads a document in the worker; with a key, a reading kept under it is answered at once. `inline` reads it on
   * this thread instead, for what no request can start (the plan of the first start, the command line).
   */
  async read(input: PlanReadInput, key?: string, inline = false): Promise<PlanReaderResult> {
    const hit = key === undefined ? undefined : this.kept.get(key);
    if (hit) return hit;
    if (inline) {
      const reading = readPlanForReview(input);
      if (reading.ok && key !== undefined) this.keep(key, reading);
      return reading;
    }
    const bytes = input.bytes.slice(); // the caller keeps its bytes; the copy is handed over
    const outcome = await this.worker.run({ ...input, bytes }, [bytes.buffer as ArrayBuffer]);
    if (!outcome.ok) {
      const error: PlanReaderError =
        outcome.reason === 'timeout'
          ? { code: 'plan-timeout', limitMs: this.options.timeoutMs }
          : outcome.reason === 'busy'
            ? { code: 'busy' }
            : { code: 'plan-too-complex' };
      return { ok: false, error };
    }
    if (outcome.value.ok && key !== undefined) this.keep(key, outcome.value);
    return outcome.value;
  }

  /** Keeps a reading under a key (the newest few). */
  keep(key: string, reading: PlanReadingOk): void {
    this.kept.delete(key);
    this.kept.set(key, reading);
    while (this.kept.size > KEPT) this.kept.delete(this.kept.keys().next().value!);
  }

  /** Starts the worker ahead of the first document. */
  warm(): void {
    this.worker.warm();
  }

  close(): Promise<void> {
    this.kept.clear();
    return this.worker.close();
  }
}
