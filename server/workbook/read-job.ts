// The upload reader's worker: reads one .xlsx at a time, in a thread with its own heap and deadline.
import { parentPort } from 'node:worker_threads';
import { readXlsx, type WorkbookLimits, type XlsxRead } from './xlsx-reader.ts';

export interface ReadJob { id: number; bytes: Uint8Array; limits: WorkbookLimits }
export type ReadJobResult = { id: number; read: XlsxRead };

parentPort!.on('message', (job: ReadJob) => {
  parentPort!.postMessage({ id: job.id, read: readXlsx(job.bytes, job.limits) } satisfies ReadJobResult);
});
parentPort!.postMessage('ready');
