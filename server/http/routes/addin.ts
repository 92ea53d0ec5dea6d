// The add-in, served by the service itself (same origin as the API, so no CORS): the file pane at /addin/,
// the Excel task pane at /addin/excel/taskpane.html, the icons, Office.js when served locally, and the
// manifest for this service's own URL at /manifest.xml.
import { Router, type Request, type Response } from 'express';
import { buildPane, officeJsFile, OFFICE_JS_CDN, type PaneAssets } from '../../pane/pane-assets.ts';
import { manifestXml } from '../../pane/manifest.ts';
import type { AppContext } from '../../service/context.ts';
import { problem } from '../problem.ts';

/** Office embeds the task pane in a frame (Excel on the web): those hosts may frame it, nobody else. */
const OFFICE_FRAMERS =
  'https://*.officeapps.live.com https://*.office.com https://*.office365.com https://*.sharepoint.com https://*.microsoft.com';

export function addinRoutes(ctx: AppContext): Router {
  const router = Router();
  let assets: Promise<PaneAssets> | null = null;
  const pane = () => (assets ??= buildPane(ctx.config.officeJs));
  const csp = [
    "default-src 'none'",
    `script-src 'self'${ctx.config.officeJs === 'cdn' ? ` ${new URL(OFFICE_JS_CDN).origin}` : ''}`,
    `style-src 'self' 'unsafe-inline'`,
    "connect-src 'self'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    `frame-ancestors 'self' ${OFFICE_FRAMERS}`,
    "base-uri 'none'",
    "form-action 'self'",
  ].join('; ');

  const send = async (res: Response, path: string) => {
    const file = (await pane()).files.get(path);
    if (!file) throw problem('not-found', { file: true });
    res.removeHeader('X-Frame-Options');
    res.set('Content-Security-Policy', csp).set('Cache-Control', 'no-cache').type(file.type).send(file.body);
  };

  // Express matches /addin and /addin/ alike: the page's relative URLs need the slash.
  router.get('/addin', (req, res) =>
    req.originalUrl.split('?')[0]!.endsWith('/') ? send(res, 'index.html') : res.redirect(301, '/addin/'),
  );
  router.get('/addin/excel/taskpane.html', (_req, res) => send(res, 'excel/taskpane.html'));
  router.get(['/addin/excel/excel.js', '/addin/file.js', '/addin/pane.css', '/addin/excel/pane.css'], (req, res) =>
    send(res, req.path.replace(/^\/addin\//, '').replace('excel/pane.css', 'pane.css')),
  );
  router.get(/^\/addin\/icon-(16|32|64|80)\.png$/, (req, res) => send(res, req.path.replace('/addin/', '')));
  router.get(/^\/addin\/office-js\/(.+)$/, (req, res) => {
    const file = ctx.config.officeJs === 'local' ? officeJsFile(req.params[0] as string) : null;
    if (!file) throw problem('not-found', { file: true });
    res
      .set('Cache-Control', 'public, max-age=86400')
      .type(req.path.endsWith('.js') ? 'text/javascript' : 'application/octet-stream')
      .send(file);
  });

  router.get('/manifest.xml', (req: Request, res) => {
    const base = ctx.config.publicUrl ?? `${req.protocol}://${req.get('host')}`;
    let xml: string;
    try {
      xml = manifestXml(base);
    } catch (error) {
      throw problem('manifest-needs-https', { reason: (error as Error).message });
    }
    res
      .set('Content-Disposition', 'attachment; filename="bao-cao-ke-hoach-manifest.xml"')
      .type('application/xml')
      .send(xml);
  });
  return router;
}
