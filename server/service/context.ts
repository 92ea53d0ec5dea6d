// What the service runs with: the store, the clock, id source, configuration and the log (all injected).
import type { Store } from '../store/store.ts';
import type { PlanRegistry } from './plan-registry.ts';
import type { MasterService } from '../master/master-service.ts';
import type { ServiceConfig } from '../config.ts';
import type { UploadReader } from '../workbook/upload-reader.ts';
import type { PlanReader } from '../plan/plan-reader.ts';
import type { GoogleDeps } from '../google/google-sheets.ts';
import type { MasterPublisher } from '../google/master-publisher.ts';

export { DEFAULT_CONFIG, type ServiceConfig } from '../config.ts';

export interface GoogleService {
  deps: GoogleDeps;
  publisher: MasterPublisher | null;
}

export type LogEntry = Record<string, unknown>;

export interface AppContext {
  store: Store;
  clock: () => Date;
  newId: () => string;
  config: ServiceConfig;
  log: (entry: LogEntry) => void;
  plans: PlanRegistry;
  /** The master workbooks, rebuilt after each committed submission. */
  master: MasterService;
  /** Reads uploaded workbooks in a worker, with a deadline and a heap limit. */
  uploads: UploadReader;
  /** Reads plan documents in a worker, with a deadline and a heap limit (import, re-read, review). */
  planReader: PlanReader;
  /** data/access-codes.json: the codes in force, kept in step when codes are issued or revoked. */
  codesPath: string;
  /** Google Sheets, when configured (GOOGLE_APPLICATION_CREDENTIALS); null otherwise. */
  google: GoogleService | null;
}
