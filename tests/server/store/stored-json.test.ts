import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { Store, StoreDamaged } from '../../../server/store/store.ts';
import { SEED_PLAN } from '../../helpers/workbooks.ts';

describe('stored JSON is parsed with its schema when read back', () => {
  it('reads the plan it saved, and names what is damaged instead of casting it', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'store-json-')), 's.sqlite');
    const store = new Store(path);
    store.insertPlan({ id: 'kh-2023', sourceName: 'seed.txt', sourceBytes: new Uint8Array(), sourceHash: '', directoryId: SEED_PLAN.directoryId, read: SEED_PLAN, plan: SEED_PLAN, planKey: 'key', at: '2026-01-01T00:00:00Z' });
    expect(store.plan('kh-2023')!.plan.tasks).toHaveLength(SEED_PLAN.tasks.length);
    const db = new Database(path);
    db.prepare('UPDATE plans SET plan_json = ?').run(JSON.stringify({ ...SEED_PLAN, tasks: 'không phải danh sách' }));
    expect(() => store.plan('kh-2023')).toThrow(new StoreDamaged('stored plan kh-2023 does not match its schema at "tasks"'));
    db.prepare('UPDATE plans SET plan_json = ?').run('{');
    expect(() => store.plan('kh-2023')).toThrow(StoreDamaged);
    db.close();
    store.close();
  });
});
