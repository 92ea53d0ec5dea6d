// The pane signing in and out (PaneState over a fake host and service): a wrong code, no network, a revoked code,
// an unreadable workbook, and what signing out forgets.
import { describe, expect, it } from 'vitest';
import { ApiClient } from '../../addin/sidebar/api-client.ts';
import { HostUnsupported } from '../../addin/sidebar/host.ts';
import { say } from '../../addin/sidebar/pane-state.ts';
import { offline, pane, paneWorld } from '../helpers/pane.ts';

const w = paneWorld();

describe('signing in', () => {
  it('refuses a wrong code on the form, and keeps nothing', async () => {
    const { state, settings, apis, script } = pane(w, { saved: null });
    await state.start();
    expect(state.screen).toBe('sign-in');
    script.me.push({ ok: false, status: 401, problem: null, offline: false });
    await state.signIn(' ma-sai ');
    expect(apis[0]!.settings.code).toBe('ma-sai');
    expect(state.screen).toBe('sign-in');
    expect(state.signedIn).toBe(false);
    expect(say(state.lang, state.signInError!)).toBe('Mã truy cập không đúng hoặc đã bị thu hồi.');
    expect(settings.saved).toBeNull();
  });

  it('says the service cannot be reached when the network fails (the real client over a fetch that throws)', async () => {
    const fetcher = (async () => {
      throw new TypeError('Failed to fetch');
    }) as typeof fetch;
    const { state, settings } = pane(w, { saved: null, connect: (x) => new ApiClient(x, fetcher) });
    await state.start();
    await state.signIn('ma-dung');
    expect(state.screen).toBe('sign-in');
    expect(say('vi', state.signInError!)).toBe('Không kết nối được máy chủ báo cáo; kiểm tra mạng rồi thử lại.');
    expect(say('en', state.signInError!)).toBe('Cannot reach the reporting service; check the network and try again.');
    expect(settings.saved).toBeNull();
  });

  it('keeps the code and the address without a trailing slash, then shows the duty of the open workbook', async () => {
    const { state, settings } = pane(w, { saved: null, baseUrl: null });
    await state.start();
    expect(state.asksForUrl).toBe(true);
    await state.signIn('ma-dung', 'https://baocao.test//');
    expect(settings.saved).toEqual({ baseUrl: 'https://baocao.test', code: 'ma-dung' });
    expect(state.screen).toBe('duty');
    expect(state.duty!.agency.name).toBe('Phường 1');
    expect(state.taskRows(state.duty!).map((r) => r.state)).toEqual(state.duty!.tasks.map(() => 'ready'));
    expect(say('vi', state.deadline(state.duty!).phrase)).toBe('Còn 20 ngày');
  });

  it('signs out when the saved code was revoked, and names a workbook of another agency', async () => {
    const revoked = pane(w);
    revoked.script.duty.push({ ok: false, status: 401, problem: null, offline: false });
    await revoked.state.start();
    expect(revoked.state.screen).toBe('sign-in');
    expect(revoked.settings.saved).toBeNull();
    const other = pane(w);
    other.script.duty.push({ ok: false, status: 403, problem: null, offline: false });
    await other.state.start();
    expect(other.state.screen).toBe('message');
    expect(say('vi', other.state.message!)).toBe('Bảng tính này là báo cáo của Phường 1, không phải của cơ quan bạn.');
  });

  it('says plainly why a workbook cannot be read, and keeps the message through a change of language', async () => {
    const { state, host, changes } = pane(w);
    host.unreadable = new HostUnsupported('Phiên bản Excel này chưa có ExcelApi 1.4 / This Excel lacks ExcelApi 1.4');
    await state.start();
    expect(state.screen).toBe('message');
    expect(say('vi', state.message!)).toBe('Phiên bản Excel này chưa có ExcelApi 1.4 / This Excel lacks ExcelApi 1.4');
    host.unreadable = new Error('GeneralException');
    await state.load();
    expect(say(state.lang, state.message!)).toBe('Không đọc được bảng tính từ Excel: GeneralException');
    const drawn = changes();
    state.toggleLanguage();
    expect(changes()).toBe(drawn + 1);
    expect(state.screen).toBe('message');
    expect(say(state.lang, state.message!)).toBe('Cannot read the workbook from Excel: GeneralException');
  });
});

describe('signing out', () => {
  it('forgets the code, the duty and a pending key', async () => {
    const { state, settings, script } = pane(w);
    await state.start();
    script.send.push(offline);
    await state.submit();
    await state.submit();
    expect(state.pending).not.toBeNull();
    await state.signOut();
    expect(settings.saved).toBeNull();
    expect(state).toMatchObject({
      screen: 'sign-in',
      signedIn: false,
      duty: null,
      checked: null,
      pending: null,
      status: null,
    });
  });
});
