// The master worker: one long-lived thread that builds masters on request (a message per build), each on its own
// SQLite connection, so the service's event loop stays free and no build pays for loading the code again.
import { parentPort } from 'node:worker_threads';
import { Store } from '../store/store.ts';
import { writeMasterFromStore } from './master-source.ts';
import { MasterCache } from './write-master.ts';

export interface MasterJob {
  id: number;
  storePath: string;
  planId: string;
  periodId: string;
  target: string;
  now: string;
}
/** A failure keeps the error's code and path (EACCES on the target…), which a message across threads would lose. */
export type MasterJobResult = { id: number } & (
  { ok: true } | { ok: false; message: string; code?: string; path?: string }
);

// The blocks of the masters built lately, kept for the next build of each: a submission re-renders only its block.
const cache = new MasterCache();

async function run(job: MasterJob): Promise<MasterJobResult> {
  const store = new Store(job.storePath);
  try {
    const written = await writeMasterFromStore(store, job.planId, job.periodId, new Date(job.now), job.target, {
      store: cache,
      key: `${job.storePath}|${job.planId}/${job.periodId}`,
    });
    return written.ok
      ? { id: job.id, ok: true }
      : { id: job.id, ok: false, message: `${written.reason}: ${job.planId}/${job.periodId}` };
  } catch (error) {
    const { code, path } = error as NodeJS.ErrnoException;
    return {
      id: job.id,
      ok: false,
      message: (error as Error).message,
      ...(typeof code === 'string' ? { code } : {}),
      ...(typeof path === 'string' ? { path } : {}),
    };
  } finally {
    // The service's connection leaves checkpoints to this thread (Store.checkpointOnlyPast): done here, after a build.
    try {
      await store.checkpoint();
    } catch {
      /* busy: the next build's */
    }
    await store.close();
  }
}

// Builds run one after another in this thread; the service never sends a second one for the same period at once.
let queue: Promise<void> = Promise.resolve();
parentPort!.on('message', (job: MasterJob) => {
  queue = queue.then(async () => {
    parentPort!.postMessage(await run(job));
  });
});
