import { describe, expect, it } from 'vitest';
import { configFromEnv, DEFAULT_CONFIG } from '../../server/config.ts';
import { runCli } from '../helpers/cli.ts';

const read = (env: Record<string, string>) => configFromEnv(env, '/srv/app', '/srv/app/seed.txt');

describe('configuration from the environment', () => {
  it('gives the defaults for an empty environment, paths resolved from the working directory', () => {
    const r = read({});
    expect(r.ok && r.config).toEqual({ port: 8080, host: '127.0.0.1', dataDir: '/srv/app/data', planFile: '/srv/app/seed.txt', service: DEFAULT_CONFIG });
  });

  it('reads every variable', () => {
    const r = read({ PORT: '9000', HOST: '0.0.0.0', DATA_DIR: '/var/lib/pr', TRUST_PROXY: 'loopback, 10.0.0.0/8', CORS_ORIGINS: 'https://a.example.vn, https://b.example.vn:8443',
      JSON_LIMIT_MB: '4', UPLOAD_LIMIT_MB: '20', UPLOAD_READ_TIMEOUT_MS: '3000', REQUEST_TIMEOUT_MS: '30000' });
    if (!r.ok) throw new Error(r.message);
    expect(r.config).toMatchObject({ port: 9000, host: '0.0.0.0', dataDir: '/var/lib/pr' });
    expect(r.config.service).toMatchObject({ trustProxy: 'loopback, 10.0.0.0/8', allowedOrigins: ['https://a.example.vn', 'https://b.example.vn:8443'],
      jsonLimitBytes: 4 * 1024 * 1024, workbookLimitBytes: 20 * 1024 * 1024, uploadReadTimeoutMs: 3000, requestTimeoutMs: 30_000 });
    const hops = read({ TRUST_PROXY: '1' });
    expect(hops.ok && hops.config.service.trustProxy).toBe(1);
  });

  it.each([['PORT', '80a'], ['PORT', '70000'], ['TRUST_PROXY', 'maybe'], ['CORS_ORIGINS', 'evil'], ['UPLOAD_LIMIT_MB', '0'], ['REQUEST_TIMEOUT_MS', '5']])('stops on %s=%s with one line naming it', (name, value) => {
    const r = read({ [name]: value });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.message).toContain(`${name}="${value}"`);
      expect(r.message.split('\n')).toHaveLength(1);
    }
  });

  it('plan-reporting serve exits 2 on a malformed variable, before touching DATA_DIR', async () => {
    const { code, stderr } = await runCli(['serve'], { PORT: 'tám nghìn', DATA_DIR: '/nonexistent/never' });
    expect(code).toBe(2);
    expect(stderr).toMatch(/^Cấu hình không hợp lệ: PORT="tám nghìn" .* \/ Invalid configuration: PORT="tám nghìn"/);
  });
});
