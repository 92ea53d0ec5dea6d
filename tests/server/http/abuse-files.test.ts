// The abuse suite's hostile files (upload bodies, zip tricks, XML tricks) against the real service
// (`plan-reporting serve` in its own process): for each, a 4xx problem within 2 s, /health answering within 200 ms
// meanwhile, and the store unchanged. The cases are in tests/helpers/abuse-file-cases.ts.
import { describe, it } from 'vitest';
import { FILE_CASES } from '../../helpers/abuse-file-cases.ts';
import { abuseService, expectRefused, named } from '../../helpers/abuse-service.ts';

const a = abuseService();

describe('the service under abuse', () => {
  it.each(named(FILE_CASES))('%s: a problem, fast, /health alive, store unchanged', async (_name, make, status) => {
    await expectRefused(a, make, status);
  });
});
