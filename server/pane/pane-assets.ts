// The pane, built once per process by esbuild (in memory) from addin/, and served under /addin/: the file pane
// at /addin/, the Excel task pane at /addin/excel/taskpane.html, Office.js from Microsoft's CDN or, for networks
// without internet, from the @microsoft/office-js package.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, normalize } from 'node:path';
import { projectPath } from '../paths.ts';
import { build } from 'esbuild';

export const OFFICE_JS_CDN = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';
const root = projectPath('addin');

export interface PaneAssets {
  files: Map<string, { type: string; body: Buffer }>;
}

/** Bundles the two entries (minified, ES2020, zod tree-shaken) with the pages and the style sheet. */
export async function buildPane(officeJs: 'cdn' | 'local'): Promise<PaneAssets> {
  const result = await build({
    entryPoints: { 'excel/excel': join(root, 'excel/main.ts'), file: join(root, 'file/main.ts') },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2020',
    minify: true,
    write: false,
    outdir: '/out',
    legalComments: 'none',
    logLevel: 'silent',
  });
  const files = new Map<string, { type: string; body: Buffer }>();
  for (const out of result.outputFiles)
    files.set(out.path.replace(/^\/out\//, ''), { type: 'text/javascript', body: Buffer.from(out.contents) });
  const css = readFileSync(join(root, 'sidebar/pane.css'));
  files.set('pane.css', { type: 'text/css', body: css });
  files.set('index.html', { type: 'text/html', body: readFileSync(join(root, 'file/index.html')) });
  const officeUrl = officeJs === 'cdn' ? OFFICE_JS_CDN : '/addin/office-js/office.js';
  files.set('excel/taskpane.html', {
    type: 'text/html',
    body: Buffer.from(readFileSync(join(root, 'excel/taskpane.html'), 'utf8').replace('OFFICE_JS_URL', officeUrl)),
  });
  for (const size of [16, 32, 64, 80])
    files.set(`icon-${size}.png`, { type: 'image/png', body: readFileSync(join(root, `excel/icon-${size}.png`)) });
  return { files };
}

/** A file of the @microsoft/office-js package (its dist/ folder), or null. */
export function officeJsFile(path: string): Buffer | null {
  const dist = join(dirname(createRequire(import.meta.url).resolve('@microsoft/office-js/package.json')), 'dist');
  const full = normalize(join(dist, path));
  if (!full.startsWith(`${dist}/`)) return null;
  try {
    return readFileSync(full);
  } catch {
    return null;
  }
}
