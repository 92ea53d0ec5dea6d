#!/usr/bin/env node
// `npm run dev:https`: the service on https://localhost:3000 with Office's development certificates
// (office-addin-dev-certs makes and trusts them on first use), for sideloading the add-in in Excel.
import { spawn } from 'node:child_process';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { ensureCertificatesAreInstalled } from 'office-addin-dev-certs';

// Where office-addin-dev-certs keeps them.
const dir = join(homedir(), '.office-addin-dev-certs');
const localhostCertificatePath = join(dir, 'localhost.crt');
const localhostKeyPath = join(dir, 'localhost.key');

await ensureCertificatesAreInstalled();
const child = spawn(process.execPath, [new URL('./plan-reporting.js', import.meta.url).pathname, 'serve'], {
  stdio: 'inherit',
  env: {
    PORT: '3000',
    HOST: 'localhost',
    PUBLIC_URL: 'https://localhost:3000',
    TLS_CERT_FILE: localhostCertificatePath,
    TLS_KEY_FILE: localhostKeyPath,
    ...process.env,
  },
});
child.on('exit', (code) => process.exit(code ?? 0));
