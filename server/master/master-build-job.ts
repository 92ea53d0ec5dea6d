// One master build in a worker thread, on its own SQLite connection, so the service's event loop stays free.
import { parentPort, workerData } from 'node:worker_threads';
import { Store } from '../store/store.ts';
import { planContext } from '../service/plan-context.ts';
import { groupLabel, storeMasterSource } from './master-source.ts';
import { writeMaster } from './write-master.ts';

export interface MasterJob { storePath: string; periodId: string; target: string; now: string }
export type MasterJobResult = { ok: true } | { ok: false; message: string };

async function run(job: MasterJob): Promise<MasterJobResult> {
  const store = new Store(job.storePath);
  try {
    const stored = store.plan();
    const period = store.period(job.periodId);
    if (!stored || !period) return { ok: false, message: `No plan or no period ${job.periodId} in the store` };
    const { plan, index, reporters } = planContext(stored.plan, stored.planKey);
    const agencies = reporters.map((a) => ({ ...a, group: groupLabel(index, a.groups) }));
    await writeMaster(storeMasterSource(store, { plan, period, agencies, now: new Date(job.now) }), { filename: job.target });
    return { ok: true };
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  } finally {
    store.close();
  }
}

parentPort!.postMessage(await run(workerData as MasterJob));
