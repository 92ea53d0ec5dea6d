// The store's memoised reads (a plan's row, a period, an access code): what this connection or another one writes is
// seen by the very next read, and the shared values cannot be changed by a caller.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { periodFromId, type Period } from '../../../shared/domain/period.ts';
import { VUNG_TAU_2023 } from '../../../shared/directory/vung-tau-2023.ts';
import { Store } from '../../../server/store/store.ts';
import { SEED_PLAN } from '../../helpers/workbooks.ts';

const AT = '2026-11-01T00:00:00Z';
const period = (periodFromId('2026-Y', SEED_PLAN.reporting) as { ok: true; period: Period }).period;
const open: Store[] = [];
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));
async function stores(): Promise<[Store, Store]> {
  const path = join(mkdtempSync(join(tmpdir(), 'memo-')), 'store.sqlite');
  const a = new Store(path);
  await a.insertPlan({
    id: 'kh',
    sourceName: 'seed.txt',
    sourceBytes: new Uint8Array(),
    sourceHash: '',
    directoryId: VUNG_TAU_2023.id,
    read: SEED_PLAN,
    plan: SEED_PLAN,
    planKey: 'kh',
    at: AT,
  });
  await a.openPeriod('kh', period, AT);
  await a.issueCode('agency', 'phuong-1', 'hash-1', AT);
  const b = new Store(path);
  open.push(a, b);
  return [a, b];
}
afterEach(async () => {
  for (const s of open.splice(0)) await s.close();
});

describe('memoised store reads', () => {
  it('see this connection’s own writes at once', async () => {
    const [a] = await stores();
    expect((await a.period('kh', '2026-Y'))!.state).toBe('open');
    expect((await a.planSummary('kh'))!.state).toBe('draft');
    expect((await a.findCode('hash-1'))!.agencyId).toBe('phuong-1');
    await a.setPeriodState('kh', '2026-Y', 'locked', AT);
    await a.setPlanState('kh', 'published', AT);
    await a.issueCode('agency', 'phuong-1', 'hash-2', AT);
    expect((await a.period('kh', '2026-Y'))!.state).toBe('locked');
    expect((await a.planSummary('kh'))!.state).toBe('published');
    expect(await a.findCode('hash-1')).toBeNull();
    expect((await a.findCode('hash-2'))!.agencyId).toBe('phuong-1');
  });

  it('see another connection’s commits (a command run beside the service) from the caller’s next turn of the event loop', async () => {
    const [a, b] = await stores();
    expect((await a.period('kh', '2026-Y'))!.state).toBe('open');
    expect(await a.findCode('hash-1')).not.toBeNull();
    expect((await a.planSummary('kh'))!.state).toBe('draft');
    await b.setPeriodState('kh', '2026-Y', 'locked', AT);
    await b.revokeCodes('phuong-1', AT);
    await b.setPlanState('kh', 'archived', AT);
    // Within one turn (a request's handling up to its first wait for I/O) the reads are one snapshot; the next turn sees the commits.
    expect((await a.period('kh', '2026-Y'))!.state).toBe('open');
    await nextTurn();
    expect((await a.period('kh', '2026-Y'))!.state).toBe('locked');
    expect(await a.findCode('hash-1')).toBeNull();
    expect((await a.planSummary('kh'))!.state).toBe('archived');
  });

  it('are not forgotten by writes to other tables, and cannot be changed by a caller', async () => {
    const [a] = await stores();
    const first = (await a.period('kh', '2026-Y'))!;
    await a.audit({ at: AT, actor: 'test', action: 'test', planId: 'kh', subject: 'x', before: null, after: null });
    expect(await a.period('kh', '2026-Y')).toBe(first);
    expect(() => {
      (first as { state: string }).state = 'locked';
    }).toThrow(TypeError);
    expect((await a.period('kh', '2026-Y'))!.state).toBe('open');
  });

  it('forget what a rolled-back transaction wrote and read', async () => {
    const [a] = await stores();
    await expect(
      a.transaction(async (tx) => {
        await tx.setPeriodState('kh', '2026-Y', 'locked', AT);
        expect((await tx.period('kh', '2026-Y'))!.state).toBe('locked');
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect((await a.period('kh', '2026-Y'))!.state).toBe('open');
  });

  it('do not keep a value read across a write of its table (a read that awaited)', async () => {
    const [a] = await stores();
    // The read and the write start in the same turn; the write lands between the read's query and its memoising.
    const [read] = await Promise.all([a.period('kh', '2026-Y'), a.setPeriodState('kh', '2026-Y', 'closed', AT)]);
    expect(read!.state).toBe('open');
    expect((await a.period('kh', '2026-Y'))!.state).toBe('closed');
  });
});
