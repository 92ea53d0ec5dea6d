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
function stores(): [Store, Store] {
  const path = join(mkdtempSync(join(tmpdir(), 'memo-')), 'store.sqlite');
  const a = new Store(path);
  a.insertPlan({ id: 'kh', sourceName: 'seed.txt', sourceBytes: new Uint8Array(), sourceHash: '', directoryId: VUNG_TAU_2023.id, read: SEED_PLAN, plan: SEED_PLAN, planKey: 'kh', at: AT });
  a.openPeriod('kh', period, AT);
  a.issueCode('agency', 'phuong-1', 'hash-1', AT);
  const b = new Store(path);
  open.push(a, b);
  return [a, b];
}
afterEach(() => { for (const s of open.splice(0)) s.close(); });

describe('memoised store reads', () => {
  it('see this connection’s own writes at once', () => {
    const [a] = stores();
    expect(a.period('kh', '2026-Y')!.state).toBe('open');
    expect(a.planSummary('kh')!.state).toBe('draft');
    expect(a.findCode('hash-1')!.agencyId).toBe('phuong-1');
    a.setPeriodState('kh', '2026-Y', 'locked', AT);
    a.setPlanState('kh', 'published', AT);
    a.issueCode('agency', 'phuong-1', 'hash-2', AT);
    expect(a.period('kh', '2026-Y')!.state).toBe('locked');
    expect(a.planSummary('kh')!.state).toBe('published');
    expect(a.findCode('hash-1')).toBeNull();
    expect(a.findCode('hash-2')!.agencyId).toBe('phuong-1');
  });

  it('see another connection’s commits (a command run beside the service) from the caller’s next turn', async () => {
    const [a, b] = stores();
    expect(a.period('kh', '2026-Y')!.state).toBe('open');
    expect(a.findCode('hash-1')).not.toBeNull();
    expect(a.planSummary('kh')!.state).toBe('draft');
    b.setPeriodState('kh', '2026-Y', 'locked', AT);
    b.revokeCodes('phuong-1', AT);
    b.setPlanState('kh', 'archived', AT);
    // Within one synchronous run the reads are one snapshot; the next run (after any await) sees the commits.
    expect(a.period('kh', '2026-Y')!.state).toBe('open');
    await Promise.resolve();
    expect(a.period('kh', '2026-Y')!.state).toBe('locked');
    expect(a.findCode('hash-1')).toBeNull();
    expect(a.planSummary('kh')!.state).toBe('archived');
  });

  it('are not forgotten by writes to other tables, and cannot be changed by a caller', () => {
    const [a] = stores();
    const first = a.period('kh', '2026-Y')!;
    a.audit({ at: AT, actor: 'test', action: 'test', planId: 'kh', subject: 'x', before: null, after: null });
    expect(a.period('kh', '2026-Y')).toBe(first);
    expect(() => { (first as { state: string }).state = 'locked'; }).toThrow(TypeError);
    expect(a.period('kh', '2026-Y')!.state).toBe('open');
  });

  it('forget what a rolled-back transaction wrote and read', () => {
    const [a] = stores();
    expect(() => a.transaction(() => {
      a.setPeriodState('kh', '2026-Y', 'locked', AT);
      expect(a.period('kh', '2026-Y')!.state).toBe('locked');
      throw new Error('rolled back');
    })).toThrow('rolled back');
    expect(a.period('kh', '2026-Y')!.state).toBe('open');
  });
});

