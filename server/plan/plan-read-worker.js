// Worker thread entry: registers tsx (workers do not inherit the parent's loader), then serves plan-read jobs.
import { register } from 'tsx/esm/api';

register();
await import('./plan-read-job.ts');
