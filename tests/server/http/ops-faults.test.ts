// Issue 20, items 10–12 and 15 (faults and answers), against a real service on a real store: each failed before its fix.
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../../helpers/server.ts';

let s: TestServer;
beforeAll(async () => { s = await startServer(); }, 60_000);
afterAll(async () => { await s?.close(); });

const audit = () => s.ctx.store.auditLog(50);

describe('10. issuing or revoking a code while access-codes.json cannot be written', () => {
  it('tells the truth: the store changed, the new code is shown and works, the export failure is a warning, the act is audited', async () => {
    const old = s.codes.agencies['phuong-3']!;
    // A directory in the file's place: no write can replace it, whoever the service runs as (root included).
    rmSync(s.ctx.codesPath);
    mkdirSync(s.ctx.codesPath);
    try {
      const issued = await s.api('/agencies/phuong-3/access-code', { method: 'POST', code: s.codes.admin });
      const body = await issued.json();
      expect(issued.status, JSON.stringify(body)).toBe(201);
      expect(body).toMatchObject({ agencyId: 'phuong-3', accessCode: expect.stringMatching(/^[A-Za-z0-9_-]{32}$/),
        warnings: [{ code: 'codes-export-failed', path: s.ctx.codesPath, title: expect.stringContaining(' / ') }] });
      expect((await s.api('/me', { code: body.accessCode })).status).toBe(200);
      expect((await s.api('/me', { code: old })).status).toBe(401);
      expect(audit().find((e) => e.action === 'code.issue' && e.subject === 'phuong-3')).toMatchObject({ actor: expect.any(String) });
      expect(s.logs.some((l) => l.level === 'warn' && l.code === 'codes-export-failed' && l.agencyId === 'phuong-3')).toBe(true);
      expect(JSON.stringify(s.logs)).not.toContain(body.accessCode);

      const revoked = await s.api('/agencies/phuong-3/access-code', { method: 'DELETE', code: s.codes.admin });
      const gone = await revoked.json();
      expect(revoked.status, JSON.stringify(gone)).toBe(200);
      expect(gone).toMatchObject({ agencyId: 'phuong-3', revoked: 1, warnings: [{ code: 'codes-export-failed', path: s.ctx.codesPath }] });
      expect((await s.api('/me', { code: body.accessCode })).status).toBe(401);
      expect(audit().find((e) => e.action === 'code.revoke' && e.subject === 'phuong-3')).toMatchObject({ after: { revoked: 1 } });
    } finally {
      rmSync(s.ctx.codesPath, { recursive: true, force: true });
    }
    // Once the file can be written again, the next act writes it whole from what it knows, with no warning.
    const again = await (await s.api('/agencies/phuong-3/access-code', { method: 'POST', code: s.codes.admin })).json();
    expect(again.warnings).toBeUndefined();
    expect(JSON.parse(readFileSync(s.ctx.codesPath, 'utf8')).agencies['phuong-3']).toBe(again.accessCode);
  });
});
