// The route table (shared/api/routes.ts) is the only place a path of the API is written: the server registers every
// route from it, each behind the guard of its role and with its body read through its schema, and the clients call
// from it.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../server/http/app.ts';
import { pathOf, ROUTES } from '../../../shared/api/routes.ts';
import { startServer, type TestServer } from '../../helpers/server.ts';

let s: TestServer;
beforeAll(async () => {
  s = await startServer();
});
afterAll(async () => {
  await s.close();
});

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

/** Every route of a router and of the routers mounted in it, as "METHOD path". */
function routesOf(stack: Layer[]): string[] {
  return stack.flatMap((layer) =>
    layer.route
      ? Object.keys(layer.route.methods)
          .filter((m) => m !== '_all')
          .map((m) => `${m.toUpperCase()} ${layer.route!.path}`)
      : layer.handle?.stack
        ? routesOf(layer.handle.stack)
        : [],
  );
}

describe('the route table', () => {
  it('is exactly what the API router registers', () => {
    const app = createApp(s.ctx) as unknown as { router: { stack: Layer[] } };
    // The API router is the one that serves /health.
    const api = app.router.stack.find((l) => l.handle?.stack && routesOf(l.handle.stack).includes('GET /health'))!;
    const registered = new Set(routesOf(api.handle!.stack!));
    const table = new Set(Object.values(ROUTES).map((r) => `${r.method} ${r.path}`));
    expect([...registered].sort()).toEqual([...table].sort());
    expect(table.size).toBe(Object.keys(ROUTES).length); // no route twice in the table
  });

  it('is where the paths are written: no route file, no client writes one', () => {
    const files = [
      ...readdirSync('server/http/routes').map((f) => join('server/http/routes', f)),
      'server/http/app.ts',
      'addin/sidebar/api-client.ts',
      ...readdirSync('server/http/page')
        .filter((f) => f.endsWith('.ts'))
        .map((f) => join('server/http/page', f)),
      ...readdirSync('server/http/page/browser').map((f) => join('server/http/page/browser', f)),
    ];
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      // A string or template literal beginning with an API path.
      expect(text, file).not.toMatch(/['"`]\/(plans|me|agencies|accounts|directories|audit|reminders|health)\b/);
    }
  });

  it('fills params in, URL-encoded', () => {
    expect(pathOf(ROUTES.review, { plan: 'kh 1', period: '2026-H1', submissionId: 'a/b' })).toBe(
      '/plans/kh%201/periods/2026-H1/submissions/a%2Fb/review',
    );
    expect(pathOf(ROUTES.remindersPreview, {}, { on: '2026-12-01' })).toBe('/reminders/preview?on=2026-12-01');
  });

  it('guards each route with its role', async () => {
    const agency = Object.values(s.codes.agencies)[0] as string;
    expect((await s.api(pathOf(ROUTES.accounts, {}), { code: agency })).status).toBe(403);
    expect((await s.api(pathOf(ROUTES.me, {}), { code: s.codes.admin })).status).toBe(403);
    expect((await s.api(pathOf(ROUTES.health, {}))).status).toBe(200);
  });

  it('reads a body through its schema: a 400 naming the field, wrong, missing or unknown', async () => {
    const post = (path: string, body: unknown) =>
      s.api(path, {
        method: 'POST',
        code: s.codes.admin,
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
    const cases: [string, unknown, string][] = [
      [pathOf(ROUTES.addAccount, {}), { name: 'Lan', role: 'owner' }, 'role'],
      [pathOf(ROUTES.addAccount, {}), { role: 'viewer' }, 'name'],
      [pathOf(ROUTES.openNewPeriod, { plan: 'kh-2023' }), { id: 7 }, 'id'],
    ];
    for (const [path, body, field] of cases) {
      const res = await post(path, body);
      const answer = await res.json();
      expect(res.status, path).toBe(400);
      expect(answer.code).toBe('bad-payload');
      expect(answer.field).toBe(field);
      expect(answer.title).toContain(field);
    }
  });
});
