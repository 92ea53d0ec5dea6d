// The baseline the service is measured beside: a bare Express 5 + better-sqlite3 server that parses the same JSON
// body and inserts it in one WAL transaction, nothing else (no auth, no reader, no master). Prints its URL.
import express from 'express';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import process from 'node:process';

const db = new Database(join(process.env.DATA_DIR ?? '.', 'bare.sqlite'));
db.pragma('journal_mode = WAL');
db.pragma('synchronous = NORMAL');
db.exec('CREATE TABLE IF NOT EXISTS submissions (id INTEGER PRIMARY KEY, agency TEXT, body TEXT, at TEXT)');
const insert = db.prepare('INSERT INTO submissions (agency, body, at) VALUES (?, ?, ?)');
const save = db.transaction((agency, body) => insert.run(agency, body, new Date().toISOString()).lastInsertRowid);

const app = express();
app.use(express.json({ limit: '2mb' }));
app.get('/api/v1/health', (_req, res) => {
  res.json({ status: 'ok' });
});
app.post('/api/v1/plans/:plan/periods/:period/reports', (req, res) => {
  const id = save(String(req.headers.authorization ?? ''), JSON.stringify(req.body));
  res.status(201).json({ submissionId: String(id) });
});
const server = app.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  process.stdout.write(`bare server is running at http://127.0.0.1:${server.address().port}/\n`);
});
process.on('SIGTERM', () =>
  server.close(() => {
    db.close();
    process.exit(0);
  }),
);
