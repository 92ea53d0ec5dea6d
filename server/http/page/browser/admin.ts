// The city page's administration: the reminders preview, agencies' contacts, accounts, an agency's new access code.
import { ROUTE_PATHS } from '../../../../shared/api/route-paths.ts';
import { problemText } from '../city-state.ts';
import { say, state } from './city-context.ts';
import { $, api, el, input, options, select } from './dom.ts';

/** What the reminders would send on a day; without SMTP_URL nothing is sent and this is all that happens. */
export async function previewReminders() {
  const loaded = await state.remindersOn(input('#reminders-on').value);
  if (!loaded.ok) {
    $('#reminders-sends').textContent = loaded.message;
    return;
  }
  $('#reminders-sends').textContent = loaded.value.sends;
  $('#reminders-list').replaceChildren(...loaded.value.items.map((text) => el('li', text)));
}

interface DirectoryAnswer {
  id: string;
  agencies: { id: string; name: string; contacts: { name: string; email: string }[] }[];
}

export async function loadDirectoryChoices(): Promise<DirectoryAnswer | undefined> {
  const res = await api.call(ROUTE_PATHS.directory, { id: 'vung-tau-2023' });
  if (!res.ok) return undefined;
  const d = (await res.json()) as DirectoryAnswer;
  select('#contact-agency').replaceChildren(
    ...options(
      d.agencies.map((a) => ({
        value: a.id,
        text: `${a.name}${a.contacts.length ? ` (${a.contacts.map((c) => c.email).join(', ')})` : ''}`,
      })),
    ),
  );
  return d;
}

export async function addContact() {
  const chosen = select('#contact-agency').value;
  const d = await loadDirectoryChoices();
  const agency = d?.agencies.find((a) => a.id === chosen);
  if (!d || !agency) return;
  const contacts = [
    ...agency.contacts,
    { name: input('#contact-name').value.trim(), email: input('#contact-email').value.trim() },
  ];
  const res = await api.send(ROUTE_PATHS.setContacts, { id: d.id, agencyId: agency.id }, { contacts });
  $('#contacts-status').textContent = res.ok ? `Đã lưu liên hệ của ${agency.name}.` : await problemText(res);
  await loadDirectoryChoices();
  select('#contact-agency').value = agency.id;
}

export async function loadAccounts() {
  const res = await api.call(ROUTE_PATHS.accounts, {});
  if (!res.ok) return;
  const { accounts } = (await res.json()) as {
    accounts: { id: number; name: string; role: string; revokedAt: string | null }[];
  };
  $('#accounts-list').replaceChildren(
    ...accounts
      .filter((a) => !a.revokedAt)
      .map((a) => {
        const li = el('li', `${a.name} — ${a.role === 'coordinator' ? 'điều phối' : 'chỉ xem'} `);
        li.dataset.account = String(a.id);
        const revoke = el('button', 'Thu hồi', { type: 'button', class: 'secondary' });
        revoke.addEventListener('click', async () => {
          const r = await api.call(ROUTE_PATHS.revokeAccount, { id: String(a.id) });
          $('#account-token').textContent = r.ok ? `Đã thu hồi tài khoản ${a.name}.` : await problemText(r);
          await loadAccounts();
        });
        li.append(revoke);
        return li;
      }),
  );
}

export async function addAccount() {
  const body: Record<string, string> = {
    name: input('#account-name').value.trim(),
    role: select('#account-role').value,
  };
  if (input('#account-email').value.trim()) body.email = input('#account-email').value.trim();
  const res = await api.send(ROUTE_PATHS.addAccount, {}, body);
  if (!res.ok) {
    $('#account-token').textContent = await problemText(res);
    return;
  }
  const { account, token } = (await res.json()) as { account: { name: string }; token: string };
  await loadAccounts();
  $('#account-token').textContent = `Mã của ${account.name} (chỉ hiện một lần): ${token}`;
}

export async function issueCode(agency: { agencyId: string; agencyName: string }) {
  if (!confirm(`Cấp mã mới cho ${agency.agencyName}? Mã cũ sẽ không dùng được nữa.`)) return;
  const res = await api.call(ROUTE_PATHS.issueCode, { id: agency.agencyId });
  if (!res.ok) {
    say(await problemText(res));
    return;
  }
  const { accessCode, warnings } = (await res.json()) as { accessCode: string; warnings?: { title: string }[] };
  $('#code-agency').textContent = agency.agencyName;
  input('#code-value').value = accessCode;
  $('#code-copied').textContent = '';
  // The code is in force even when access-codes.json could not follow: said here, beside the code.
  $('#code-warning').textContent = (warnings ?? []).map((w) => w.title).join(' ');
  $<HTMLDialogElement>('#code-dialog').showModal();
  await copyCode();
}

export async function copyCode() {
  const field = input('#code-value');
  field.select();
  try {
    await navigator.clipboard.writeText(field.value);
    $('#code-copied').textContent = 'Đã sao chép / Copied';
  } catch {
    $('#code-copied').textContent = 'Hãy bấm Ctrl+C để sao chép / Press Ctrl+C to copy';
  }
}
