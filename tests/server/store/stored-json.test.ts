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
    store.savePlan(SEED_PLAN, 'key', 'seed.txt', '2026-01-01T00:00:00Z');
    expect(store.plan()!.plan.tasks).toHaveLength(SEED_PLAN.tasks.length);
    const db = new Database(path);
    db.prepare('UPDATE plan SET plan_json = ?').run(JSON.stringify({ ...SEED_PLAN, tasks: 'không phải danh sách' }));
    expect(() => store.plan()).toThrow(new StoreDamaged('stored plan does not match its schema at "tasks"'));
    db.prepare('UPDATE plan SET plan_json = ?').run('{');
    expect(() => store.plan()).toThrow(StoreDamaged);
    db.close();
    store.close();
  });
});
