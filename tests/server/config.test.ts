import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configFromEnv, DEFAULT_CONFIG } from '../../server/config.ts';
import { runCli } from '../helpers/cli.ts';

const read = (env: Record<string, string>) => configFromEnv(env, '/srv/app', '/srv/app/seed.txt');

describe('configuration from the environment', () => {
  it('gives the defaults for an empty environment, paths resolved from the working directory', () => {
    const r = read({});
    expect(r.ok && r.config).toEqual({
      port: 8080,
      host: '127.0.0.1',
      dataDir: '/srv/app/data',
      planFile: '/srv/app/seed.txt',
      service: DEFAULT_CONFIG,
      tls: null,
    });
  });

  it('reads every variable', () => {
    const r = read({
      PORT: '9000',
      HOST: '0.0.0.0',
      DATA_DIR: '/var/lib/pr',
      TRUST_PROXY: 'loopback, 10.0.0.0/8',
      CORS_ORIGINS: 'https://a.example.vn, https://b.example.vn:8443',
      JSON_LIMIT_MB: '4',
      UPLOAD_LIMIT_MB: '20',
      UPLOAD_READ_TIMEOUT_MS: '3000',
      REQUEST_TIMEOUT_MS: '30000',
    });
    if (!r.ok) throw new Error(r.message);
    expect(r.config).toMatchObject({ port: 9000, host: '0.0.0.0', dataDir: '/var/lib/pr' });
    expect(r.config.service).toMatchObject({
      trustProxy: 'loopback, 10.0.0.0/8',
      allowedOrigins: ['https://a.example.vn', 'https://b.example.vn:8443'],
      jsonLimitBytes: 4 * 1024 * 1024,
      workbookLimitBytes: 20 * 1024 * 1024,
      uploadReadTimeoutMs: 3000,
      requestTimeoutMs: 30_000,
    });
    const hops = read({ TRUST_PROXY: '1' });
    expect(hops.ok && hops.config.service.trustProxy).toBe(1);
  });

  it.each([
    ['PORT', '80a'],
    ['PORT', '70000'],
    ['TRUST_PROXY', 'maybe'],
    ['CORS_ORIGINS', 'evil'],
    ['UPLOAD_LIMIT_MB', '0'],
    ['REQUEST_TIMEOUT_MS', '5'],
  ])('stops on %s=%s with one line naming it', (name, value) => {
    const r = read({ [name]: value });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.message).toContain(`${name}="${value}"`);
      expect(r.message.split('\n')).toHaveLength(1);
    }
  });

  it('reads the Google variables; without a key file nothing Google-related is configured', () => {
    const r = read({
      GOOGLE_APPLICATION_CREDENTIALS: 'keys/sa.json',
      GOOGLE_API_ROOT_URL: 'http://127.0.0.1:9000/',
      GOOGLE_PULL_INTERVAL_MIN: '5',
      GOOGLE_READS_PER_MINUTE: '30',
      GOOGLE_FOLDER_ID: 'folder_1-x',
      GOOGLE_PUBLISH_MASTER: 'true',
    });
    if (!r.ok) throw new Error(r.message);
    expect(r.config.service.google).toEqual({
      keyFile: '/srv/app/keys/sa.json',
      rootUrl: 'http://127.0.0.1:9000/',
      pullIntervalMs: 300_000,
      readsPerMinute: 30,
      writesPerMinute: 60,
      folderId: 'folder_1-x',
      publishMaster: true,
    });
    const none = read({ GOOGLE_API_ROOT_URL: 'http://127.0.0.1:9000/' });
    expect(none.ok && none.config.service.google).toBeNull();
  });

  it.each([
    ['GOOGLE_API_ROOT_URL', 'file:///etc/passwd'],
    ['GOOGLE_PULL_INTERVAL_MIN', '-1'],
    ['GOOGLE_PUBLISH_MASTER', 'yes'],
    ['GOOGLE_FOLDER_ID', '../x'],
  ])('stops on %s=%s', (name, value) => {
    const r = read({ GOOGLE_APPLICATION_CREDENTIALS: 'sa.json', [name]: value });
    expect(!r.ok && r.message).toContain(`${name}="${value}"`);
  });

  it('plan-reporting serve exits 2 on an unreadable Google key file, naming the variable', async () => {
    const { code, stderr } = await runCli(['serve'], {
      GOOGLE_APPLICATION_CREDENTIALS: '/nonexistent/sa.json',
      DATA_DIR: mkdtempSync(join(tmpdir(), 'pr-google-')),
      PORT: '0',
    });
    expect(code).toBe(2);
    expect(stderr).toMatch(/GOOGLE_APPLICATION_CREDENTIALS: \/nonexistent\/sa.json is not a readable JSON key file/);
  });

  it('plan-reporting serve exits 2 on a malformed variable, before touching DATA_DIR', async () => {
    const { code, stderr } = await runCli(['serve'], { PORT: 'tám nghìn', DATA_DIR: '/nonexistent/never' });
    expect(code).toBe(2);
    expect(stderr).toMatch(/^Cấu hình không hợp lệ: PORT="tám nghìn" .* \/ Invalid configuration: PORT="tám nghìn"/);
  });
});

describe('serving over HTTPS', () => {
  it('needs both the certificate and the key', () => {
    const r = configFromEnv({ TLS_CERT_FILE: 'a.crt' }, '/srv', '/srv/seed.txt');
    expect(r.ok).toBe(false);
  });

  it("serves the pane over https with a certificate (as npm run dev:https does with Office's)", async () => {
    const { spawnSync } = await import('node:child_process');
    const { mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = mkdtempSync(join(tmpdir(), 'tls-'));
    const made = spawnSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-subj',
        '/CN=localhost',
        '-days',
        '1',
        '-keyout',
        join(dir, 'k.pem'),
        '-out',
        join(dir, 'c.pem'),
      ],
      { encoding: 'utf8' },
    );
    expect(made.status).toBe(0);
    const { spawnServe, stop } = await import('../helpers/process.ts');
    const served = await spawnServe({
      DATA_DIR: join(dir, 'data'),
      TLS_CERT_FILE: join(dir, 'c.pem'),
      TLS_KEY_FILE: join(dir, 'k.pem'),
    });
    try {
      expect(served.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      const https = await import('node:https');
      const status = await new Promise<number>((resolve, reject) => {
        https
          .get(`${served.url}/addin/`, { rejectUnauthorized: false }, (res) => {
            res.resume();
            resolve(res.statusCode!);
          })
          .on('error', reject);
      });
      expect(status).toBe(200);
    } finally {
      await stop(served.child, 'SIGTERM');
    }
  }, 60_000);
});

describe("the reader pool's size (issue 20, item 2)", () => {
  it('is the number of cores by default, UPLOAD_READERS otherwise, and at least 1', async () => {
    const { availableParallelism } = await import('node:os');
    expect(DEFAULT_CONFIG.uploadReaders).toBe(Math.max(1, availableParallelism()));
    const r = read({ UPLOAD_READERS: '3' });
    expect(r.ok && r.config.service.uploadReaders).toBe(3);
    for (const bad of ['0', 'two', '65']) expect(read({ UPLOAD_READERS: bad }).ok).toBe(false);
  });
});
