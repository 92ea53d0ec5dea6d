// Registers a route from its entry in the route table (shared/api/routes.ts): its method and path, the guard of its
// role, and its request body read through its schema. A route file writes `route(router, ROUTES.x, handler)`; no
// path is written in server/http/routes/.
import type { Request, RequestHandler, Response, Router } from 'express';
import type * as z from 'zod';
import type { Role, RouteSpec } from '../../shared/api/routes.ts';
import { requireAgency, requireCoordinator, requireStaff } from './auth.ts';
import { validBody } from './valid-body.ts';

const GUARDS: Record<Role, RequestHandler[]> = {
  agency: [requireAgency],
  coordinator: [requireCoordinator],
  staff: [requireStaff],
  public: [],
};

/**
 * The request body, read through the route's schema when the handler first reads `data`: the checks a handler makes
 * before (the plan exists, the submission exists) still answer first. A body the schema refuses is the catalogue's 400
 * naming the field (server/http/valid-body.ts).
 */
export interface Body<S extends z.ZodType | null> {
  readonly data: S extends z.ZodType ? z.output<S> : undefined;
}

export type RouteHandler<S extends z.ZodType | null> = (req: Request, res: Response, body: Body<S>) => unknown;

export function route<S extends z.ZodType | null>(
  router: Router,
  spec: RouteSpec<string, S>,
  handler: RouteHandler<S>,
): void {
  const method = spec.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
  router[method](spec.path, ...GUARDS[spec.role], (req: Request, res: Response) => {
    let read: { value: unknown } | null = null;
    const body = {
      get data() {
        if (!spec.request || !spec.body) return undefined;
        read ??= { value: validBody(spec.request, req.body ?? {}, spec.body).data };
        return read.value;
      },
    } as Body<S>;
    return handler(req, res, body);
  });
}
