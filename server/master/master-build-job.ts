// One master build in a worker thread, on its own SQLite connection, so the service's event loop stays free.
import { parentPort, workerData } from 'node:worker_threads';
import { Store } from '../store/store.ts';
import { writeMasterFromStore } from './master-source.ts';

export interface MasterJob { storePath: string; planId: string; periodId: string; target: string; now: string }
export type MasterJobResult = { ok: true } | { ok: false; message: string };

async function run(job: MasterJob): Promise<MasterJobResult> {
  const store = new Store(job.storePath);
  try {
    const written = await writeMasterFromStore(store, job.planId, job.periodId, new Date(job.now), job.target);
    return written.ok ? written : { ok: false, message: `${written.reason}: ${job.planId}/${job.periodId}` };
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  } finally {
    store.close();
  }
}

parentPort!.postMessage(await run(workerData as MasterJob));
