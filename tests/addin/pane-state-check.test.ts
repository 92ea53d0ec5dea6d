// The pane checking a workbook (PaneState over a fake host and service): issues listed and highlighted, cells that
// could not be coloured, and a returned report's comments shown at their rows and cells.
import { describe, expect, it } from 'vitest';
import { say } from '../../addin/sidebar/pane-state.ts';
import { pane, paneWorld, receipt, status } from '../helpers/pane.ts';

const w = paneWorld();

describe('checking', () => {
  it('lists the issues, has the host highlight their cells, and marks their rows', async () => {
    const { state, host } = pane(w);
    await state.start();
    host.set('Nhiệm vụ', 'F6', 150);
    host.set('Nhiệm vụ', 'E7', 'Xong rồi');
    const checked = await state.check();
    expect(checked!.errors.map((i) => `${i.at.sheet}!${i.at.cell}`)).toEqual(['Nhiệm vụ!F6', 'Nhiệm vụ!E7']);
    expect(host.shown.at(-1)!.map((i) => `${i.at.sheet}!${i.at.cell}`)).toEqual(['Nhiệm vụ!F6', 'Nhiệm vụ!E7']);
    expect(state.status!.kind).toBe('error');
    expect(status(state)).toBe('2 ô cần sửa');
    const rows = state.taskRows(state.duty!);
    expect(rows.find((r) => r.id === 'NV1')).toMatchObject({ state: 'incomplete', sheet: 'Nhiệm vụ', cell: 'A6' });
    expect(rows.find((r) => r.id === 'NV9')!.state).toBe('ready');
    await state.select('Nhiệm vụ', 'E7');
    expect(host.selected).toEqual(['Nhiệm vụ!E7']);
  });

  it('says which cells could not be coloured after the count, never overwritten by it', async () => {
    const { state, host } = pane(w);
    await state.start();
    host.set('Nhiệm vụ', 'F6', 150);
    host.refuses = ['Nhiệm vụ!F6'];
    await state.check();
    expect(status(state)).toBe('1 ô cần sửa. Không tô được ô lỗi: Nhiệm vụ!F6');
    expect(state.status!.kind).toBe('error');
    host.set('Nhiệm vụ', 'F6', 60);
    await state.check();
    expect(status(state)).toBe('Không có lỗi; có thể nộp báo cáo. Không tô được ô lỗi: Nhiệm vụ!F6');
    expect(state.status!.kind).toBe('error');
    state.toggleLanguage();
    expect(status(state)).toBe('No issues; ready to submit. Cannot highlight the cells: Nhiệm vụ!F6');
  });

  it('says so when the workbook cannot be read at check, keeping the last result', async () => {
    const { state, host } = pane(w);
    await state.start();
    host.unreadable = new Error('busy');
    expect(await state.check()).toBeNull();
    expect(status(state)).toBe('Không đọc được bảng tính từ Excel: busy');
    expect(state.screen).toBe('duty');
  });
});

describe('a returned report', () => {
  const returned = () => ({
    ...w.duty,
    latestReceipt: {
      ...receipt(1, 'sub-1'),
      review: {
        state: 'returned' as const,
        comment: 'Cần bổ sung số liệu cụ thể.',
        resubmitBy: '2026-11-30',
        comments: [
          { taskId: 'NV1', text: 'Nêu số buổi tuyên truyền.' },
          { cell: 'Nhiệm vụ!G7', text: 'Ghi rõ tên văn bản.' },
          { text: 'Gửi kèm văn bản.' },
        ],
      },
    },
  });

  it('shows its comments at their rows and cells, and has the commented cells highlighted without blocking a submission', async () => {
    const { state, host, script, sent } = pane(w);
    script.duty.push({ ok: true, value: returned() });
    await state.start();
    const review = state.review(state.duty!);
    expect(review.state).toBe('returned');
    if (review.state !== 'returned') return;
    expect(say('vi', review.heading)).toBe('Báo cáo bị trả lại; hãy sửa và nộp lại trước 30/11/2026:');
    expect(review.comment).toBe('Cần bổ sung số liệu cụ thể.');
    expect(review.items).toEqual([
      { text: 'NV1: Nêu số buổi tuyên truyền.', sheet: 'Nhiệm vụ', cell: 'A6' },
      { text: 'Nhiệm vụ!G7: Ghi rõ tên văn bản.', sheet: 'Nhiệm vụ', cell: 'G7' },
      { text: 'Gửi kèm văn bản.' },
    ]);
    const checked = await state.check();
    expect(checked!.errors).toEqual([]);
    expect(host.shown.at(-1)).toEqual([
      {
        code: 'review-comment',
        severity: 'warning',
        at: { sheet: 'Nhiệm vụ', cell: 'G7' },
        params: { text: 'Ghi rõ tên văn bản.' },
      },
    ]);
    expect(status(state)).toBe('Không có lỗi; có thể nộp báo cáo.');
    await state.submit();
    await state.submit();
    expect(sent).toHaveLength(1);
  });

  it('shows an accepted report as such, and nothing while it awaits review', async () => {
    const { state } = pane(w);
    await state.start();
    expect(state.review(w.duty)).toEqual({ state: 'none' });
    const review = { state: 'accepted' as const, comment: '', comments: [], resubmitBy: null };
    const accepted = { ...w.duty, latestReceipt: { ...receipt(1, 'sub-1'), review } };
    expect(state.review(accepted)).toEqual({ state: 'accepted' });
  });
});
