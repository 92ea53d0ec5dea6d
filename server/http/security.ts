// Request ids, structured access logs without secrets, security headers, and CORS for the add-in origins.
import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { AppContext } from '../service/context.ts';

export function requestContext(ctx: AppContext): RequestHandler {
  return (req, res, next) => {
    const incoming = req.get('x-request-id');
    const requestId = incoming && /^[A-Za-z0-9_-]{1,64}$/.test(incoming) ? incoming : randomUUID();
    res.locals.requestId = requestId;
    res.set('X-Request-Id', requestId);
    const started = performance.now();
    res.on('finish', () => {
      const principal = res.locals.principal as { role: string; agencyId?: string } | undefined;
      ctx.log({
        level: res.statusCode >= 500 ? 'error' : 'info',
        requestId,
        method: req.method,
        path: req.originalUrl.split('?')[0],
        status: res.statusCode,
        ms: Math.round((performance.now() - started) * 10) / 10,
        ...(principal ? { role: principal.role, agencyId: principal.agencyId } : {}),
      });
    });
    next();
  };
}

export const securityHeaders: RequestHandler = (_req, res, next) => {
  res.set({
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
  });
  res.removeHeader('X-Powered-By');
  next();
};

export function cors(ctx: AppContext): RequestHandler {
  const allowed = (origin: string) =>
    ctx.config.allowedOrigins.includes(origin) || ctx.config.allowedOriginPatterns.some((p) => p.test(origin));
  return (req, res, next) => {
    const origin = req.get('origin');
    if (origin && allowed(origin)) {
      res.set({
        'Access-Control-Allow-Origin': origin,
        Vary: 'Origin',
        'Access-Control-Expose-Headers': 'X-Request-Id, Idempotent-Replayed',
      });
      if (req.method === 'OPTIONS') {
        res.set({
          'Access-Control-Allow-Methods': 'GET, POST, DELETE',
          'Access-Control-Allow-Headers': 'Authorization, Content-Type, Idempotency-Key',
          'Access-Control-Max-Age': '600',
        });
        res.status(204).end();
        return;
      }
    } else if (origin && req.method === 'OPTIONS') {
      res.status(403).end();
      return;
    }
    next();
  };
}
