// Worker thread entry: registers tsx (workers do not inherit the parent's loader), then runs the build.
import { register } from 'tsx/esm/api';

register();
await import('./master-build-job.ts');
