// Worker thread entry: registers tsx (workers do not inherit the parent's loader), then serves the reader pool's jobs.
import { register } from 'tsx/esm/api';

register();
await import('./read-job.ts');
