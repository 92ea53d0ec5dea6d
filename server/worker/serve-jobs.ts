// The worker side of a DeadlineWorker: answers each job with the handler's result, then says it is ready.
import { parentPort } from 'node:worker_threads';
import type { JobMessage, ResultMessage } from './deadline-worker.ts';

export function serveJobs<J, R>(handle: (job: J) => R): void {
  const port = parentPort!;
  port.on('message', (message: JobMessage<J>) => {
    port.postMessage({ id: message.id, result: handle(message.job) } satisfies ResultMessage<R>);
  });
  port.postMessage('ready');
}
