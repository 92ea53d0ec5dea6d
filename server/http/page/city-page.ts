// The page for the city at "/": static HTML, CSS and a small script, with a CSP that allows only themselves.
import { readFileSync } from 'node:fs';
import { Router } from 'express';
import { projectPath } from '../../paths.ts';
import { REVIEW_LABELS } from '../../../shared/master/master-rows.ts';
import { STATUS_LABELS } from '../../../shared/workbook/spec.ts';

const asset = (name: string) => readFileSync(projectPath('server/http/page', name));
const PAGE_CSP = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; " +
  "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/** The words the page shows for domain values, from shared/ where they are written once (the workbook's own labels). */
export const LABELS_JS = `// Generated from shared/: do not edit.
export const STATUS_LABELS = ${JSON.stringify(STATUS_LABELS)};
export const REVIEW_LABELS = ${JSON.stringify(REVIEW_LABELS)};
`;

export function cityPage(): Router {
  const files = { html: asset('index.html'), js: asset('city.js'), plans: asset('plans.js'), api: asset('api.js'), css: asset('city.css') };
  const router = Router();
  const send = (type: string, body: Buffer) => (_req: unknown, res: import('express').Response) => {
    res.set('Content-Security-Policy', PAGE_CSP).set('Cache-Control', 'no-cache').type(type).send(body);
  };
  router.get('/', send('html', files.html));
  router.get('/assets/city.js', send('text/javascript', files.js));
  router.get('/assets/plans.js', send('text/javascript', files.plans));
  router.get('/assets/api.js', send('text/javascript', files.api));
  router.get('/assets/labels.js', send('text/javascript', Buffer.from(LABELS_JS)));
  router.get('/assets/city.css', send('text/css', files.css));
  return router;
}
