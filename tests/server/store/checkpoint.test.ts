// The service's connection leaves WAL checkpoints to the master worker (Store.checkpointOnlyPast / checkpoint): its
// commits no longer copy the WAL into the database every 1,000 pages, and another connection's checkpoint copies it into the database file.
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Store } from '../../../server/store/store.ts';

const PAYLOAD = 'Nội dung thay đổi '.repeat(600);
async function writeMuch(store: Store) {
  for (let i = 0; i < 800; i++)
    await store.audit({
      at: '2026-11-26T00:00:00Z',
      actor: 'test',
      action: 'test',
      planId: null,
      subject: String(i),
      before: PAYLOAD,
      after: PAYLOAD,
    });
}

describe('WAL checkpoints', () => {
  it('are left to another connection by the service’s one, which still has a far limit', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'checkpoint-'));
    const usual = new Store(join(dir, 'usual.sqlite'));
    const service = new Store(join(dir, 'service.sqlite'));
    await service.checkpointOnlyPast(10_000);
    await writeMuch(usual);
    await writeMuch(service);
    // SQLite's default checkpoints at 1,000 pages (4 MB) and reuses the WAL; the service's grows past it.
    expect(statSync(join(dir, 'usual.sqlite-wal')).size).toBeLessThan(6 * 2 ** 20);
    expect(statSync(join(dir, 'service.sqlite-wal')).size).toBeGreaterThan(12 * 2 ** 20);

    // Until a checkpoint, the pages live in the WAL only; the worker's copies them into the database file.
    expect(statSync(join(dir, 'service.sqlite')).size).toBeLessThan(2 ** 20);
    const worker = new Store(join(dir, 'service.sqlite'));
    await worker.checkpoint();
    expect(statSync(join(dir, 'service.sqlite')).size).toBeGreaterThan(12 * 2 ** 20);
    for (const s of [usual, service, worker]) await s.close();
  });
});
