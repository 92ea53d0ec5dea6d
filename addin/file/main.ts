// The same pane in a plain browser tab (/addin/): the agency's duties with each blank workbook to download,
// then a filled .xlsx picked or dropped, checked in the browser and uploaded as it is.
import type { Duty } from '../../shared/api/contract.ts';
import { browserSettings, type ApiClient } from '../sidebar/api-client.ts';
import { Pane } from '../sidebar/pane.ts';
import { FileHost } from './file-host.ts';

let chosen: { name: string; bytes: Uint8Array } | null = null;
const $ = (id: string) => document.getElementById(id)!;

function listDuties(client: ApiClient, duties: Duty[]) {
  const list = $('duties');
  list.replaceChildren();
  for (const duty of duties) {
    const li = document.createElement('li');
    li.dataset.plan = duty.plan.id;
    const title = document.createElement('strong');
    title.textContent = `${duty.plan.title} — kỳ ${duty.period.id}`;
    const due = document.createElement('span');
    due.textContent = ` · ${duty.period.daysLeft >= 0 ? `còn ${duty.period.daysLeft} ngày` : `quá hạn ${-duty.period.daysLeft} ngày`}${duty.latestReceipt ? ` · đã nộp lần ${duty.latestReceipt.version}` : ' · chưa nộp'}`;
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'secondary';
    button.textContent = 'Tải mẫu trống / Blank workbook';
    button.addEventListener('click', async () => {
      const blob = await client.download(client.templateUrl(duty.plan.id, duty.period.id));
      if (!blob) return;
      const a = document.createElement('a');
      a.href = URL.createObjectURL(blob);
      a.download = `${duty.plan.id}-${duty.period.id}.xlsx`;
      a.click();
      setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
    });
    li.append(title, due, document.createElement('br'), button);
    list.append(li);
  }
  $('file-step').hidden = false;
}

const pane = new Pane({
  root: $('pane'),
  host: new FileHost(() => chosen),
  settings: browserSettings(window.localStorage),
  baseUrl: window.location.origin,
  submit: { kind: 'file', bytes: () => chosen?.bytes ?? null },
  onSignedIn: listDuties,
});

async function choose(file: File | undefined) {
  if (!file) return;
  chosen = { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
  $('file-name').textContent = file.name;
  await pane.load();
}

const input = $('file') as HTMLInputElement;
// Cleared after each pick, so that picking the same file again (after fixing it) reads it again.
input.addEventListener('change', () => {
  const file = input.files?.[0];
  input.value = '';
  void choose(file);
});
const zone = $('drop');
zone.addEventListener('dragover', (event) => {
  event.preventDefault();
  zone.classList.add('over');
});
zone.addEventListener('dragleave', () => zone.classList.remove('over'));
zone.addEventListener('drop', (event) => {
  event.preventDefault();
  zone.classList.remove('over');
  void choose(event.dataTransfer?.files[0]);
});
void pane.start();
