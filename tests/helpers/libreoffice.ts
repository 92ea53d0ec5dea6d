// LibreOffice Calc (Debian's libreoffice-calc-nogui) opening and re-saving a workbook: a third, independent reader.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

/** Opens `path` in headless LibreOffice and saves it as .xlsx in a new folder; returns the new path. */
export function resaveWithLibreOffice(path: string): string {
  return convertWithLibreOffice(path, 'xlsx');
}

/** Opens `path` in headless LibreOffice and converts it ('xlsx', 'pdf', 'png': the first page drawn) into a new folder. */
export function convertWithLibreOffice(path: string, format: 'xlsx' | 'pdf' | 'png'): string {
  const out = mkdtempSync(join(tmpdir(), 'lo-out-'));
  const profile = mkdtempSync(join(tmpdir(), 'lo-profile-'));
  const r = spawnSync(
    'soffice',
    [
      `-env:UserInstallation=file://${profile}`,
      '--headless',
      '--norestore',
      '--convert-to',
      format,
      path,
      '--outdir',
      out,
    ],
    { encoding: 'utf8', timeout: 120_000 },
  );
  if (r.status !== 0) throw new Error(`LibreOffice failed: ${r.stderr || r.error?.message}`);
  return join(out, basename(path).replace(/\.xlsx$/, `.${format}`));
}
