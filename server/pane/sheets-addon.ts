// The Google Sheets add-on, built from addin/sheets for clasp: Code.js (one script; Apps Script has no modules at
// run time, so the bundle's exports are re-declared as top-level functions for the menu and google.script.run),
// Sidebar.html (the pane's script and styles inlined) and appsscript.json (scopes; the service as the only
// address UrlFetchApp may call).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectPath } from '../paths.ts';
import { build, type BuildOptions } from 'esbuild';

const root = projectPath('addin');
const manifest = projectPath('manifests/appsscript.json');
const GLOBAL = 'PlanReportingAddon';

export interface SheetsAddon {
  'Code.js': string;
  'Sidebar.html': string;
  'appsscript.json': string;
}

/** An https origin (http for localhost only), without a trailing slash: what UrlFetchApp may call. */
export function serviceOrigin(url: string): string {
  const u = new URL(url);
  const local = u.hostname === 'localhost' || u.hostname === '127.0.0.1';
  if (u.protocol !== 'https:' && !(local && u.protocol === 'http:'))
    throw new Error(`The service URL must be https: ${url}`);
  return `${u.origin}${u.pathname.replace(/\/+$/, '')}`;
}

export async function buildSheetsAddon(serviceUrl: string): Promise<SheetsAddon> {
  const url = serviceOrigin(serviceUrl);
  const options: BuildOptions & { write: false } = {
    entryPoints: [join(root, 'sheets/gas/code.ts')],
    bundle: true,
    platform: 'neutral',
    target: 'es2019',
    write: false,
    legalComments: 'none',
    logLevel: 'silent',
    define: { SERVICE_URL: JSON.stringify(url) },
  };
  // The export names, as an ES module build lists them; then the script itself.
  const listed = await build({ ...options, format: 'esm', metafile: true });
  const exports = Object.values(listed.metafile!.outputs)[0]!.exports;
  const code = await build({ ...options, format: 'iife', globalName: GLOBAL });
  const wrappers = exports
    .map((name) => `function ${name}() { return ${GLOBAL}.${name}.apply(null, arguments); }`)
    .join('\n');
  const page = await build({
    entryPoints: [join(root, 'sheets/sidebar/main.ts')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    minify: true,
    write: false,
    legalComments: 'none',
    logLevel: 'silent',
  });
  // Inside an inline <script>, "</script" would end it: esbuild escapes it in strings; this covers the rest.
  const js = page.outputFiles[0]!.text.replace(/<\/(script)/gi, '<\\/$1');
  const css = readFileSync(join(root, 'sidebar/pane.css'), 'utf8');
  const html = readFileSync(join(root, 'sheets/sidebar/Sidebar.html'), 'utf8')
    .replace('/*PANE_CSS*/', () => css)
    .replace('/*PANE_JS*/', () => js);
  const appsscript = readFileSync(manifest, 'utf8').replaceAll('SERVICE_URL', url);
  return {
    'Code.js': `// Built by \`npm run build:gas\` from addin/sheets; do not edit.\n${code.outputFiles![0]!.text}\n${wrappers}\n`,
    'Sidebar.html': html,
    'appsscript.json': appsscript,
  };
}
