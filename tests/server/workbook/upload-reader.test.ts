// The reader pool (issue 20, items 2–4): real worker threads; each code's jobs take turns with the others', a code
// holds a few readers at most, a code's queue too long is refused for that code alone.
import { afterEach, describe, expect, it } from 'vitest';
import { ReaderBusy, UploadReader } from '../../../server/workbook/upload-reader.ts';
import { WORKBOOK_LIMITS } from '../../../server/workbook/xlsx-reader.ts';
import { filledXlsx, seedModel } from '../../helpers/workbooks.ts';

let pool: UploadReader | null = null;
afterEach(async () => {
  await pool?.close();
  pool = null;
});

const make = (options: Partial<ConstructorParameters<typeof UploadReader>[0]> = {}) =>
  (pool = new UploadReader({ timeoutMs: 5000, heapMb: 256, queueLimit: 64, size: 1, queuePerKey: 4, ...options }));

describe('the reader pool', () => {
  it("serves the codes in turn: a code's second job waits behind another code's first", async () => {
    const readers = make();
    const bytes = await filledXlsx('phuong-1');
    const order: string[] = [];
    const job = (name: string, key: string) =>
      readers.read(bytes, WORKBOOK_LIMITS, { key }).then((read) => {
        expect(read.ok).toBe(true);
        order.push(name);
      });
    await Promise.all([job('a1', 'A'), job('a2', 'A'), job('a3', 'A'), job('b1', 'B'), job('c1', 'C'), job('b2', 'B')]);
    // First come, first served would be a1 a2 a3 b1 c1 b2.
    expect(order).toEqual(['a1', 'b1', 'c1', 'a2', 'b2', 'a3']);
  }, 30_000);

  it('gives one code a few readers at most, and never every reader', async () => {
    expect(make({ size: 1 }).perKey).toBe(1);
    await pool!.close();
    expect(make({ size: 2 }).perKey).toBe(1);
    await pool!.close();
    expect(make({ size: 8 }).perKey).toBe(2);
  });

  it('refuses a code whose queue is full (429) while other codes are still taken; a full service refuses all (503)', async () => {
    const readers = make({ queuePerKey: 2, queueLimit: 4 });
    const bytes = await filledXlsx('phuong-1');
    expect((await readers.read(bytes, WORKBOOK_LIMITS, { key: 'A' })).ok).toBe(true); // the reader started
    const a = [0, 1, 2].map(() => readers.read(bytes, WORKBOOK_LIMITS, { key: 'A' })); // one running, two waiting
    const refused = await readers.read(bytes, WORKBOOK_LIMITS, { key: 'A' }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ReaderBusy);
    expect(refused).toMatchObject({ scope: 'code', limit: 2 });
    expect((refused as ReaderBusy).retryAfterS).toBeGreaterThan(0);
    const b = [0, 1].map(() => readers.read(bytes, WORKBOOK_LIMITS, { key: 'B' }));
    expect(await readers.read(bytes, WORKBOOK_LIMITS, { key: 'C' }).catch((e: unknown) => e)).toMatchObject({
      scope: 'service',
      limit: 4,
    });
    // A staff download waits its turn without a bound.
    const staff = readers.read(bytes, WORKBOOK_LIMITS, { key: 'S', bounded: false });
    for (const read of await Promise.all([...a, ...b, staff])) expect(read.ok).toBe(true);
  }, 30_000);

  it('generates a workbook and reads a report body in the same readers', async () => {
    const readers = make();
    const bytes = await readers.generate(seedModel('phuong-2', '2026-Y'), {}, { key: 'A' });
    expect((await readers.read(bytes, WORKBOOK_LIMITS, { key: 'A' })).ok).toBe(true);
    expect(
      await readers.readReport(new TextEncoder().encode('{"grid":{},"source":"excel-addin"}'), { key: 'A' }),
    ).toEqual({ ok: true, payload: { grid: {}, source: 'excel-addin' } });
    const wide = JSON.stringify({ grid: Object.fromEntries(Array.from({ length: 150_000 }, (_, i) => [`s${i}`, []])) });
    expect(await readers.readReport(new TextEncoder().encode(wide), { key: 'A' })).toMatchObject({
      ok: false,
      refusal: { status: 400, code: 'bad-payload', extra: { field: 'grid' } },
    });
    expect(readers.started).toBe(1);
  }, 30_000);
});
