// The app factory: store, clock, ids, config and log are injected, so tests run it on a real store and port.
import { createServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { Duplex } from 'node:stream';
import express, { type Express, type RequestHandler } from 'express';
import type { AppContext } from '../service/context.ts';
import { authenticate, Throttle, type Principal } from './auth.ts';
import { notFound, problemHandler } from './problem.ts';
import { adminRoutes } from './routes/admin.ts';
import { agencyRoutes } from './routes/agency.ts';
import { periodRoutes } from './routes/periods.ts';
import { planRoutes } from './routes/plans.ts';
import { cors, requestContext, securityHeaders } from './security.ts';
import { DOCX_TYPE, XLSX_TYPE } from './upload.ts';
import { cityPage } from './page/city-page.ts';
import { addinRoutes } from './routes/addin.ts';
import { forbiddenKey, parseJsonBody } from '../../shared/api/json-body.ts';
import { ROUTES } from '../../shared/api/routes.ts';
import { route } from './route.ts';

export function createApp(ctx: AppContext): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', ctx.config.trustProxy);
  app.use(requestContext(ctx), securityHeaders, cors(ctx));

  const api = express.Router();
  route(api, ROUTES.health, (_req, res) => {
    res.json({ status: 'ok', time: ctx.clock().toISOString() });
  });

  const throttle = new Throttle(
    ctx.config.throttle.maxFailures,
    ctx.config.throttle.windowMs,
    ctx.config.throttle.delayMs,
    ctx.config.throttle.maxWaiting,
  );
  // Keys that name an object's prototype are refused in every JSON body, whatever the route does with it next. They are
  // looked for in the parsed body (JSON.parse makes them plain own properties): a reviver, called for every value of a
  // 13 KB grid, cost a tenth of a submission's CPU.
  // The body is read as bytes (capped, inflated as body-parser does) and decoded by Node itself: body-parser's own
  // decoder (iconv-lite) cost as much as the parse.
  // An agency's report body is kept as those bytes: its route has it counted, parsed and checked in the reader pool.
  const read: RequestHandler = express.raw({
    limit: ctx.config.jsonLimitBytes,
    type: ['application/json', 'application/*+json'],
  });
  const body =
    (parse: boolean): RequestHandler =>
    (req, res, next) =>
      read(req, res, (error?: unknown) => {
        if (error) return next(error);
        if (!Buffer.isBuffer(req.body)) return next();
        const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(req.headers['content-type'] ?? '')?.[1]?.toLowerCase();
        if (charset && charset !== 'utf-8' && charset !== 'utf8') {
          return next(
            Object.assign(new Error(`unsupported charset "${charset.toUpperCase()}"`), {
              type: 'charset.unsupported',
              status: 415,
              expose: true,
            }),
          );
        }
        if (!parse) return next();
        let parsed: unknown;
        try {
          parsed = parseJsonBody(req.body.toString('utf8'));
        } catch (e) {
          return next(
            Object.assign(new Error((e as Error).message), { type: 'entity.parse.failed', status: 400, expose: true }),
          );
        }
        const key = forbiddenKey(parsed);
        if (key !== null)
          return next(
            Object.assign(new Error(`forbidden key "${key}"`), {
              type: 'entity.parse.failed',
              status: 400,
              expose: true,
            }),
          );
        req.body = parsed;
        return next();
      });
  api.use(authenticate(ctx, throttle));
  // An agency's report as its add-in reads it: this route's body is kept as bytes.
  api.post(ROUTES.submitReport.path, body(false));
  // Upload bodies (xlsx, multipart) are streamed by their route; JSON is parsed here, capped. An agency has no JSON
  // route but its report: what it sends elsewhere is read (so it gets its answer) and never parsed.
  const [json, bytes] = [body(true), body(false)];
  api.use((req, res, next) =>
    Buffer.isBuffer(req.body) ||
    req.is(XLSX_TYPE) ||
    req.is(DOCX_TYPE) ||
    req.is('text/plain') ||
    req.is('application/octet-stream') ||
    req.is('multipart/form-data')
      ? next()
      : (res.locals.principal as Principal).role === 'agency'
        ? bytes(req, res, next)
        : json(req, res, next),
  );

  // Each route names the role it serves: an agency code on an admin route (or the reverse) gets 403.
  api.use(agencyRoutes(ctx), adminRoutes(ctx), planRoutes(ctx), periodRoutes(ctx));
  app.use('/api/v1', api);
  app.use(addinRoutes(ctx));
  app.use(cityPage());
  app.use(notFound);
  app.use(problemHandler(ctx.log));
  return app;
}

/**
 * The HTTP server around the app. Slow senders are cut off: a request must arrive whole within the
 * configured time (checked every second). What Node's parser refuses before Express sees it (a broken
 * chunk, a header too large, a timeout) is still answered as a problem, then the connection closes.
 */
export function createHttpServer(
  app: Express,
  config: AppContext['config'],
  tls: { cert: Buffer; key: Buffer } | null = null,
): Server {
  const options = {
    requestTimeout: config.requestTimeoutMs,
    headersTimeout: Math.min(config.requestTimeoutMs, 60_000),
    connectionsCheckingInterval: 1000,
  };
  // HTTPS when given a certificate (Office loads task panes over https only: `npm run dev:https` for sideloading).
  const server: Server = tls ? createHttpsServer({ ...options, ...tls }, app) : createServer(options, app);
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    // As Node's own handler does: answer unless a response has begun on this socket.
    if (
      !socket.writable ||
      (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent
    ) {
      socket.destroy();
      return;
    }
    const timeout = error.code === 'ERR_HTTP_REQUEST_TIMEOUT';
    const [status, reason, code, title] = timeout
      ? [
          408,
          'Request Timeout',
          'request-timeout',
          'Gửi dữ liệu quá chậm; kết nối đã đóng. / The request arrived too slowly; the connection was closed.',
        ]
      : error.code === 'HPE_HEADER_OVERFLOW'
        ? [
            431,
            'Request Header Fields Too Large',
            'headers-too-large',
            'Phần đầu yêu cầu quá lớn. / The request headers are too large.',
          ]
        : [400, 'Bad Request', 'malformed-request', 'Yêu cầu HTTP không hợp lệ. / Malformed HTTP request.'];
    const body = JSON.stringify({ type: `https://plan-reporting.invalid/problems/${code}`, title, status, code });
    socket.end(
      `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
  return server;
}
