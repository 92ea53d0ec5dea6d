// The city page's documents: the master, the templates and the report downloaded, the consolidated report previewed.
import { ROUTE_PATHS } from '../../../../shared/api/route-paths.ts';
import { problemText } from '../city-state.ts';
import { say, state } from './city-context.ts';
import { $, api, el } from './dom.ts';

export async function download(route: 'masterFile' | 'templatesZip' | 'reportFile', name: string) {
  say('Đang tải… / Downloading…');
  const res = await api.call(ROUTE_PATHS[route], state.scope);
  if (!res.ok) {
    say(await problemText(res));
    return;
  }
  const url = URL.createObjectURL(await res.blob());
  const a = el('a', null, { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  say(`Đã tải ${name}`);
}

interface ReportDraft {
  issuer: string;
  number: string;
  nation: string[];
  placeDate: string;
  title: string;
  summary: string;
  recipients: string[];
  body: (
    | { kind: 'heading'; text: string }
    | { kind: 'subheading'; text: string }
    | { kind: 'paragraph'; lead?: string; text: string }
    | { kind: 'table'; header: string[]; rows: string[][] }
  )[];
}

/** The consolidated report's draft, as it will read in the .docx: header, title, body, Nơi nhận. */
export async function previewReport() {
  const res = await api.call(ROUTE_PATHS.report, state.scope);
  const box = $('#report-preview');
  if (!res.ok) {
    say(await problemText(res));
    return;
  }
  const r = (await res.json()) as ReportDraft;
  const head = el('div', '', { class: 'report-head' });
  head.append(
    el('p', `${r.issuer} · ${r.number}`),
    el('p', `${r.nation.join(' — ')}`),
    el('p', r.placeDate, { class: 'italic' }),
  );
  const parts: HTMLElement[] = [
    head,
    el('h3', r.title, { class: 'center' }),
    el('p', r.summary, { class: 'center strong' }),
  ];
  for (const b of r.body) {
    if (b.kind === 'heading') parts.push(el('h4', b.text));
    else if (b.kind === 'subheading') parts.push(el('h5', b.text));
    else if (b.kind === 'paragraph') {
      const p = el('p', '');
      if (b.lead) p.append(el('strong', `${b.lead} `));
      p.append(b.text);
      parts.push(p);
    } else {
      const table = el('table');
      const tr = el('tr');
      for (const h of b.header) tr.append(el('th', h));
      table.append(tr);
      for (const row of b.rows) {
        const r2 = el('tr');
        for (const v of row) r2.append(el('td', v));
        table.append(r2);
      }
      const wrap = el('div', '', { class: 'table-wrap' });
      wrap.append(table);
      parts.push(wrap);
    }
  }
  parts.push(el('p', `Nơi nhận: ${r.recipients.join('; ')}`, { class: 'italic' }));
  box.replaceChildren(...parts);
  box.hidden = false;
  box.scrollIntoView();
}
