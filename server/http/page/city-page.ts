// The page for the city at "/": static HTML and CSS, and one script bundled by esbuild (in memory, once per process,
// as the panes are) from the TypeScript of ./browser, which imports shared/ (labels, dates, the route table). A CSP
// allows only themselves.
import { readFileSync } from 'node:fs';
import { build, type Plugin } from 'esbuild';
import { Router, type Response } from 'express';
import { projectPath } from '../../paths.ts';
import { REVIEW_LABELS } from '../../../shared/master/master-rows.ts';
import { STATUS_LABELS } from '../../../shared/workbook/spec.ts';

const asset = (name: string) => readFileSync(projectPath('server/http/page', name));
const PAGE_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; " +
  "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/** The words the page shows for domain values, from shared/, as a module of their own (for other scripts to read). */
export const LABELS_JS = `// Generated from shared/: do not edit.
export const STATUS_LABELS = ${JSON.stringify(STATUS_LABELS)};
export const REVIEW_LABELS = ${JSON.stringify(REVIEW_LABELS)};
`;

/** The page's script: browser/city.ts and all it imports, one ES module (minified, ES2020). Tests pass plugins to change a shared/ file. */
export async function buildCityScript(options: { minify?: boolean; plugins?: Plugin[] } = {}): Promise<Buffer> {
  const result = await build({
    entryPoints: [projectPath('server/http/page/browser/city.ts')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2020',
    minify: options.minify ?? true,
    write: false,
    legalComments: 'none',
    logLevel: 'silent',
    plugins: options.plugins ?? [],
  });
  return Buffer.from(result.outputFiles[0]!.contents);
}

export function cityPage(): Router {
  const files = { html: asset('index.html'), css: asset('city.css') };
  let script: Promise<Buffer> | null = null;
  const router = Router();
  const send = (res: Response, type: string, body: Buffer) => {
    res.set('Content-Security-Policy', PAGE_CSP).set('Cache-Control', 'no-cache').type(type).send(body);
  };
  router.get('/', (_req, res) => send(res, 'html', files.html));
  router.get('/assets/city.js', async (_req, res) =>
    send(res, 'text/javascript', await (script ??= buildCityScript())),
  );
  router.get('/assets/labels.js', (_req, res) => send(res, 'text/javascript', Buffer.from(LABELS_JS)));
  router.get('/assets/city.css', (_req, res) => send(res, 'text/css', files.css));
  return router;
}
