// What the service runs with: the store, the clock, id source, configuration and the log (all injected).
import type { Plan } from '../../shared/domain/plan.ts';
import type { AgencyIndex } from '../../shared/directory/directory.ts';
import type { Store } from '../store/store.ts';
import type { MasterService } from '../master/master-service.ts';

export interface ServiceConfig {
  /** Origins allowed to call the API from a browser: the task pane's and Google's add-on origins. */
  allowedOrigins: string[];
  /** Origin patterns (Apps Script serves add-on HTML from *.googleusercontent.com). */
  allowedOriginPatterns: RegExp[];
  jsonLimitBytes: number;
  workbookLimitBytes: number;
  throttle: { maxFailures: number; windowMs: number };
  contact: string;
  /** Quiet time after a submission before the master is rebuilt (a burst gives one build). */
  masterDelayMs: number;
}

export const DEFAULT_CONFIG: ServiceConfig = {
  allowedOrigins: ['https://localhost:3000', 'https://script.google.com'],
  allowedOriginPatterns: [/^https:\/\/[a-z0-9-]+-script\.googleusercontent\.com$/],
  jsonLimitBytes: 2 * 1024 * 1024,
  workbookLimitBytes: 10 * 1024 * 1024,
  throttle: { maxFailures: 10, windowMs: 15 * 60 * 1000 },
  contact: 'Phòng Nội vụ thành phố (cơ quan tổng hợp báo cáo)',
  masterDelayMs: 1000,
};

export type LogEntry = Record<string, unknown>;

export interface PlanContext {
  plan: Plan;
  planKey: string;
  index: AgencyIndex;
  /** Agencies that report on the plan, in directory order. */
  reporters: { id: string; name: string; groups: string[]; /** The groups as the directory names them ("UBND các phường, xã"). */ group: string }[];
}

export interface AppContext {
  store: Store;
  clock: () => Date;
  newId: () => string;
  config: ServiceConfig;
  log: (entry: LogEntry) => void;
  plan: PlanContext;
  /** The master workbooks, rebuilt after each committed submission. */
  master: MasterService;
}
