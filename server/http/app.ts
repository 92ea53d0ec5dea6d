// The app factory: store, clock, ids, config and log are injected, so tests run it on a real store and port.
import type { Server } from 'node:http';
import express, { type Express, type RequestHandler } from 'express';
import type { AppContext } from '../service/context.ts';
import { authenticate, Throttle } from './auth.ts';
import { notFound, problemHandler } from './problem.ts';
import { adminRoutes } from './routes/admin.ts';
import { agencyRoutes } from './routes/agency.ts';
import { cors, requestContext, securityHeaders } from './security.ts';
import { XLSX_TYPE } from './upload.ts';
import { cityPage } from './page/city-page.ts';

export function createApp(ctx: AppContext): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', ctx.config.trustProxy);
  app.use(requestContext(ctx), securityHeaders, cors(ctx));

  const api = express.Router();
  api.get('/health', (_req, res) => { res.json({ status: 'ok', time: ctx.clock().toISOString() }); });

  const throttle = new Throttle(ctx.config.throttle.maxFailures, ctx.config.throttle.windowMs);
  const json: RequestHandler = express.json({ limit: ctx.config.jsonLimitBytes, type: ['application/json', 'application/*+json'] });
  api.use(authenticate(ctx, throttle));
  // Upload bodies (xlsx, multipart) are streamed by their route; JSON is parsed here, capped.
  api.use((req, res, next) => (req.is(XLSX_TYPE) || req.is('multipart/form-data') ? next() : json(req, res, next)));

  // Each route names the role it serves: an agency code on an admin route (or the reverse) gets 403.
  api.use(agencyRoutes(ctx), adminRoutes(ctx));
  app.use('/api/v1', api);
  app.use(cityPage());
  app.use(notFound);
  app.use(problemHandler(ctx.log));
  return app;
}

/** Slow senders are cut off: a request must arrive whole within the configured time. */
export function listenWithTimeouts(server: Server, config: AppContext['config']): void {
  server.requestTimeout = config.requestTimeoutMs;
  server.headersTimeout = Math.min(config.requestTimeoutMs, 60_000);
}
