// The pane submitting (PaneState over a fake host and service, then the real service and client): confirmation,
// idempotency keys across lost answers, a refused workbook, and the file pane's bytes.
import { describe, expect, it } from 'vitest';
import { ApiClient } from '../../addin/sidebar/api-client.ts';
import { offline, pane, paneWorld, receipt, status } from '../helpers/pane.ts';

const w = paneWorld();

describe('submitting', () => {
  it('refuses while errors remain, asks once more, then sends and shows the receipt with the duty refreshed', async () => {
    const { state, host, script, sent } = pane(w);
    await state.start();
    host.set('Nhiệm vụ', 'F6', 150);
    await state.submit();
    expect(status(state)).toBe('Còn 1 ô cần sửa; hãy sửa rồi nộp.');
    expect(sent).toEqual([]);
    host.set('Nhiệm vụ', 'F6', 60);
    await state.submit();
    expect(state.confirming).toBe(true);
    expect(status(state)).toBe('Nộp báo cáo kỳ 2026-Y? Bấm "Xác nhận nộp" để gửi.');
    expect(sent).toEqual([]);
    const after = {
      ...w.duty,
      latestReceipt: {
        ...receipt(1, 'sub-1'),
        review: { state: 'awaiting' as const, comment: '', comments: [], resubmitBy: null },
      },
    };
    script.duty.push({ ok: true, value: after });
    await state.submit();
    expect(state.confirming).toBe(false);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.payload).toEqual({ grid: host.grid, source: 'excel-addin' });
    expect(state.status).toMatchObject({ kind: 'info', receipt: 'sub-1' });
    expect(status(state)).toMatch(/^Đã nộp\. Đã nộp lần 1 lúc .* \(đúng hạn\)\. Mã biên nhận sub-1\.$/);
    expect(state.duty!.latestReceipt!.submissionId).toBe('sub-1');
    expect(state.pending).toBeNull();
  });

  it('cancels a confirmation', async () => {
    const { state, sent } = pane(w);
    await state.start();
    await state.submit();
    expect(state.confirming).toBe(true);
    state.cancelSubmit();
    expect(state.confirming).toBe(false);
    await state.submit();
    expect(state.confirming).toBe(true);
    expect(sent).toEqual([]);
  });

  it('sends again with the same idempotency key after a send that got no answer, and a new key for the next report', async () => {
    const { state, host, script, sent } = pane(w);
    await state.start();
    script.send.push(offline);
    await state.submit();
    await state.submit();
    expect(status(state)).toBe('Chưa gửi được (mất kết nối). Bảng tính vẫn nguyên; bấm Nộp báo cáo để gửi lại.');
    expect(state.screen).toBe('duty');
    await state.submit();
    await state.submit();
    expect(state.status!.receipt).toBe('sub-2');
    expect(sent.map((x) => x.key)).toEqual(['key-1', 'key-1']);
    host.set('Nhiệm vụ', 'G6', 'Bổ sung');
    await state.submit();
    await state.submit();
    expect(sent.map((x) => x.key)).toEqual(['key-1', 'key-1', 'key-2']);
  });

  it('takes a new key when the report was changed after a send that got no answer (the same key would be refused as reused)', async () => {
    const { state, host, script, sent } = pane(w);
    await state.start();
    script.send.push(offline);
    await state.submit();
    await state.submit();
    host.set('Nhiệm vụ', 'G6', 'Sửa sau khi mất mạng');
    await state.submit();
    await state.submit();
    expect(sent.map((x) => x.key)).toEqual(['key-1', 'key-2']);
  });

  it('names a refused workbook (409 workbook-mismatch from the service) with its findings, and drops the key', async () => {
    const { state, script, sent } = pane(w);
    await state.start();
    script.send.push({ ok: false, status: 409, problem: w.mismatch, offline: false });
    await state.submit();
    await state.submit();
    expect(state.status!.kind).toBe('error');
    expect(w.mismatch.issues!.length).toBeGreaterThan(0);
    expect(status(state)).toBe(
      'Tệp này không phải báo cáo của cơ quan, kỳ hoặc kế hoạch này. / ' +
        'This workbook is for another agency, period or plan. ' +
        'Tệp này là báo cáo của Phường 2, không phải phuong-1.',
    );
    expect(state.pending).toBeNull();
    await state.submit();
    await state.submit();
    expect(sent.map((x) => x.key)).toEqual(['key-1', 'key-2']);
  });
});

describe('the file pane', () => {
  it('lists the duties once signed in, sends the file itself, and keeps the key for the same file only', async () => {
    let file: Uint8Array | null = null;
    const listed: string[][] = [];
    const { state, sent, script } = pane(w, {
      submit: { kind: 'file', bytes: () => file },
      onSignedIn: (_client, duties) => listed.push(duties.map((d) => d.plan.id)),
    });
    await state.start();
    expect(listed).toEqual([['kh-2023']]);
    await state.submit();
    await state.submit();
    expect(status(state)).toBe('Hãy chọn tệp báo cáo .xlsx.');
    expect(sent).toEqual([]);
    file = new Uint8Array([1, 2, 3]);
    script.send.push(offline);
    await state.submit();
    await state.submit();
    file = new Uint8Array([1, 2, 3]); // the same file picked again
    await state.submit();
    await state.submit();
    file = new Uint8Array([1, 2, 4]);
    await state.submit();
    await state.submit();
    expect(sent.map((x) => [x.key, [...x.bytes!]])).toEqual([
      ['key-1', [1, 2, 3]],
      ['key-1', [1, 2, 3]],
      ['key-2', [1, 2, 4]],
    ]);
  });
});

describe('with the real service and client, over a network that loses answers', () => {
  it('a resend of the same report is the same submission; a report changed after a lost answer is a new version, not a reused key', async () => {
    const code = w.s.codes.agencies['phuong-1']!;
    let lose = 0;
    /** Delivers the request, then loses the service's answer for the next `lose` sends of a report. */
    const lossy = (async (input, init) => {
      const res = await fetch(input, init);
      if (init?.method === 'POST' && lose > 0) {
        lose -= 1;
        throw new TypeError('connection reset');
      }
      return res;
    }) as typeof fetch;
    const { state, host } = pane(w, { saved: { baseUrl: w.s.url, code }, connect: (x) => new ApiClient(x, lossy) });
    const history = () => w.s.ctx.store.history('kh-2023', '2026-Y', 'phuong-1');
    await state.start();
    expect(state.duty!.agency.id).toBe('phuong-1');
    lose = 1;
    await state.submit();
    await state.submit();
    expect(status(state)).toBe('Chưa gửi được (mất kết nối). Bảng tính vẫn nguyên; bấm Nộp báo cáo để gửi lại.');
    expect(await history()).toHaveLength(1);
    await state.submit();
    await state.submit();
    expect(await history()).toHaveLength(1);
    expect(state.status!.receipt).toBe((await history())[0]!.submissionId);

    host.set('Nhiệm vụ', 'G6', 'Bổ sung kết quả');
    lose = 1;
    await state.submit();
    await state.submit();
    expect(await history()).toHaveLength(2);
    host.set('Nhiệm vụ', 'G7', 'Bổ sung thêm sau khi mất kết nối');
    await state.submit();
    await state.submit();
    expect(state.status!.kind).toBe('info');
    expect((await history()).map((h) => h.version)).toEqual([1, 2, 3]);
    expect(state.status!.receipt).toBe((await history())[2]!.submissionId);
  });
});
