// Transactions over the store's asynchronous port: on the one SQLite connection two never interleave, a query from
// outside waits for the transaction to end (it never sees, or joins, what is not committed), a nested one is a
// savepoint, and a transaction's store cannot be used once it ended.
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
async function store(): Promise<Store> {
  const s = new Store(join(mkdtempSync(join(tmpdir(), 'tx-')), 'store.sqlite'));
  await s.insertPlan({
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
  await s.openPeriod('kh', period, AT);
  open.push(s);
  return s;
}
afterEach(async () => {
  for (const s of open.splice(0)) await s.close();
});
const audit = (s: Store, subject: string) =>
  s.audit({ at: AT, actor: 'test', action: 'test', planId: 'kh', subject, before: null, after: null });
const subjects = async (s: Store) => (await s.auditLog(100)).map((e) => e.subject).reverse();

describe('store transactions', () => {
  it('never interleave, though each awaits between its writes', async () => {
    const s = await store();
    const steps = (name: string) =>
      s.transaction(async (tx) => {
        for (let i = 0; i < 3; i++) {
          await audit(tx, `${name}${i}`);
          await Promise.resolve();
        }
      });
    await Promise.all([steps('a'), steps('b'), steps('c')]);
    expect(await subjects(s)).toEqual(['a0', 'a1', 'a2', 'b0', 'b1', 'b2', 'c0', 'c1', 'c2']);
  });

  it('keep a query from outside waiting until they end: it neither sees nor joins what is rolled back', async () => {
    const s = await store();
    const seen: string[] = [];
    const failing = s.transaction(async (tx) => {
      await tx.setPeriodState('kh', '2026-Y', 'locked', AT);
      // Another request's handling runs now, between the transaction's awaits.
      const outside = Promise.all([s.period('kh', '2026-Y').then((p) => seen.push(p!.state)), audit(s, 'outside')]);
      for (let i = 0; i < 5; i++) await Promise.resolve();
      void outside;
      throw new Error('rolled back');
    });
    await expect(failing).rejects.toThrow('rolled back');
    await new Promise((resolve) => setImmediate(resolve));
    expect(seen).toEqual(['open']);
    expect(await subjects(s)).toEqual(['outside']);
  });

  it('nest as savepoints: an inner failure undoes its own writes only', async () => {
    const s = await store();
    await s.transaction(async (tx) => {
      await audit(tx, 'outer');
      await expect(
        tx.transaction(async (inner) => {
          await audit(inner, 'inner');
          throw new Error('inner fails');
        }),
      ).rejects.toThrow('inner fails');
      await tx.transaction(async (inner) => {
        await audit(inner, 'inner kept');
      });
    });
    expect(await subjects(s)).toEqual(['outer', 'inner kept']);
  });

  it('refuse their store once they ended', async () => {
    const s = await store();
    let kept: Store | null = null;
    await s.transaction(async (tx) => {
      kept = tx;
    });
    await expect(kept!.period('kh', '2026-Y')).rejects.toThrow(
      'a transaction’s handle was used after the transaction ended',
    );
    await expect(kept!.close()).rejects.toThrow('a transaction’s store cannot be closed');
  });

  it('record a submission as one transaction while other requests read (the append-only version index holds)', async () => {
    const s = await store();
    const report = {
      templateVersion: 2,
      planKey: 'kh',
      periodId: '2026-Y',
      agencyId: 'phuong-1',
      tasks: [],
      measures: [],
      assessment: { results: '', shortcomings: '', nextSteps: '', proposals: '' },
    };
    const outcomes = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        s.submit({
          id: `s${i}`,
          planId: 'kh',
          periodId: '2026-Y',
          agencyId: 'phuong-1',
          receivedAt: AT,
          onTime: true,
          source: 'upload',
          contentHash: `h${i}`,
          idempotencyKey: null,
          report,
        }),
      ),
    );
    expect(outcomes.map((o) => [o.kind, o.receipt.version])).toEqual([1, 2, 3, 4, 5, 6].map((v) => ['created', v]));
    expect((await s.history('kh', '2026-Y', 'phuong-1')).map((h) => h.version)).toEqual([1, 2, 3, 4, 5, 6]);
  });
});
