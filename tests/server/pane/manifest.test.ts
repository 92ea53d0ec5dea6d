// The add-in manifest: valid against Microsoft's schema (copied into tests/fixtures), read back by
// office-addin-manifest, served for the service's own URL; and the workbook it opens lets the pane highlight.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { OfficeAddinManifest } from 'office-addin-manifest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADDIN_ID, manifestXml } from '../../../server/pane/manifest.ts';
import { generateWorkbook } from '../../../server/workbook/generate-workbook.ts';
import { startServer, type TestServer } from '../../helpers/server.ts';
import { seedModel } from '../../helpers/workbooks.ts';

const XSD = new URL('../../fixtures/office-manifest-xsd/OfficeAppManifestV1_1.xsd', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'manifest-'));

function validate(xml: string): { ok: boolean; output: string } {
  const path = join(dir, `m-${Math.random().toString(36).slice(2)}.xml`);
  writeFileSync(path, xml);
  const r = spawnSync('xmllint', ['--noout', '--nonet', '--schema', XSD, path], { encoding: 'utf8' });
  return { ok: r.status === 0, output: r.stderr };
}

let s: TestServer;
beforeAll(async () => {
  s = await startServer({ config: { publicUrl: 'https://baocao.vungtau.gov.vn' } });
});
afterAll(async () => {
  await s.close();
});

describe('the add-in manifest', () => {
  it('is valid against the Office add-in manifest schema', () => {
    const result = validate(manifestXml('https://baocao.example.gov.vn/bao-cao'));
    expect(result.output).toContain('validates');
    expect(result.ok).toBe(true);
    // The check can fail: a manifest without its Id is refused.
    expect(validate(manifestXml('https://a.example.vn').replace(/<Id>[^<]+<\/Id>/, '')).ok).toBe(false);
  });

  it('reads back with office-addin-manifest: id, names, the workbook host and the pane URL', async () => {
    const path = join(dir, 'read.xml');
    writeFileSync(path, manifestXml('https://baocao.example.gov.vn'));
    const info = await OfficeAddinManifest.readManifestFile(path);
    expect(info).toMatchObject({
      id: ADDIN_ID,
      displayName: 'Báo cáo kế hoạch',
      defaultLocale: 'vi-VN',
      providerName: 'Phòng Nội vụ',
      hosts: ['Workbook'],
    });
    expect(info.defaultSettings?.sourceLocation).toBe('https://baocao.example.gov.vn/addin/excel/taskpane.html');
  });

  it('refuses a plain-http URL (Office loads panes over https only), localhost aside', () => {
    expect(() => manifestXml('http://baocao.example.gov.vn')).toThrow('https');
    expect(validate(manifestXml('https://localhost:3000')).ok).toBe(true);
  });

  it("is served for the service's own public URL at /manifest.xml", async () => {
    const res = await fetch(`${s.url}/manifest.xml`);
    expect(res.status).toBe(200);
    const xml = await res.text();
    expect(xml).toContain('<SourceLocation DefaultValue="https://baocao.vungtau.gov.vn/addin/excel/taskpane.html"/>');
    expect(validate(xml).ok).toBe(true);
  });
});

describe('the generated workbook and the pane', () => {
  it('protects every sheet but lets cells be formatted, so the pane can highlight an issue', async () => {
    const bytes = await generateWorkbook(seedModel('phuong-1', '2026-Y'));
    const files = unzipSync(bytes, { filter: (f) => f.name.startsWith('xl/worksheets/sheet') });
    const protections = Object.values(files).map((f) => /<sheetProtection [^>]*\/>/.exec(strFromU8(f))?.[0] ?? '');
    expect(protections).toHaveLength(5);
    for (const p of protections) {
      expect(p).toContain('sheet="1"');
      expect(p).toContain('formatCells="0"'); // 0: formatting is not protected
    }
  });
});
