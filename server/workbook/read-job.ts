// The reader pool's worker (server/workbook/upload-reader.ts): one job at a time, in a thread with its own heap and
// deadline — an uploaded .xlsx read into a grid, an agency's report body counted, parsed and checked, or an agency's
// workbook generated for download.
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import { readReportBody, type ReportBodyRead } from '../../shared/api/json-body.ts';
import { UnwritableText } from '../../shared/text/clean-text.ts';
import type { TemplateModel } from '../../shared/workbook/template-model.ts';
import { generateWorkbook, type GenerateOptions } from './generate-workbook.ts';
import { readXlsx, type WorkbookLimits, type XlsxRead } from './xlsx-reader.ts';

export type JobInput =
  | { kind: 'xlsx'; bytes: Uint8Array; limits: WorkbookLimits }
  | { kind: 'report'; bytes: Uint8Array }
  | { kind: 'template'; model: TemplateModel; options: GenerateOptions };
export type JobOutput =
  | { read: XlsxRead }
  | { report: ReportBodyRead }
  | { bytes: Uint8Array }
  | {
      error: string;
      /** The writer refused a text (UnwritableText), which a message across threads would not say. */ unwritable?: boolean;
    };

export interface ReadJob {
  id: number;
  input: JobInput;
}
export interface ReadJobResult {
  id: number;
  output: JobOutput;
}

async function run(input: JobInput): Promise<{ output: JobOutput; transfer: ArrayBuffer[] }> {
  switch (input.kind) {
    case 'xlsx':
      return { output: { read: readXlsx(input.bytes, input.limits) }, transfer: [] };
    case 'report':
      return {
        output: {
          report: readReportBody(
            Buffer.from(input.bytes.buffer, input.bytes.byteOffset, input.bytes.byteLength).toString('utf8'),
          ),
        },
        transfer: [],
      };
    case 'template': {
      const made = await generateWorkbook(input.model, input.options);
      // A copy of its own: a Buffer may be a view of a pooled ArrayBuffer, which cannot be handed over.
      const bytes = new Uint8Array(made);
      return { output: { bytes }, transfer: [bytes.buffer] };
    }
  }
}

// A reader gives way to the service's own thread when both want a core: nice 5 (mild, so that on a host shared with
// other programs the readers still get a fair part of it). On Linux each thread is a task with its own priority;
// elsewhere, or where it is not allowed, the reader runs as it is.
try {
  const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
  if (Number.isInteger(tid) && tid > 0) setPriority(tid, 5);
} catch {
  /* not Linux */
}

parentPort!.on('message', (job: ReadJob) => {
  run(job.input).then(
    ({ output, transfer }) => parentPort!.postMessage({ id: job.id, output } satisfies ReadJobResult, transfer),
    (error: Error) =>
      parentPort!.postMessage({
        id: job.id,
        output: { error: error.message, ...(error instanceof UnwritableText ? { unwritable: true } : {}) },
      } satisfies ReadJobResult),
  );
});
parentPort!.postMessage('ready');
