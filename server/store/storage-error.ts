// When DATA_DIR cannot be written (a read-only mount, a folder the service may not write, a file in a folder's place),
// that is what the answer and the start say, with the path: not a generic 500 or "Unexpected error".
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Error codes that mean the storage refuses writes; whatever the file, the fix is the same: make DATA_DIR writable. */
const UNWRITABLE = new Set(['EACCES', 'EPERM', 'EROFS', 'ENOTDIR', 'EISDIR', 'SQLITE_READONLY', 'SQLITE_CANTOPEN']);

export interface Unwritable {
  path: string | null;
  reason: string;
}

/** The path and reason when an error (from node:fs, a worker that passed them on, or SQLite) means storage is not writable. */
export function unwritable(error: unknown): Unwritable | null {
  const e = error as { code?: unknown; path?: unknown; dest?: unknown } | null;
  if (!e || typeof e.code !== 'string') return null;
  const reason = e.code.startsWith('SQLITE_READONLY') ? 'SQLITE_READONLY' : e.code;
  if (!UNWRITABLE.has(reason)) return null;
  // A rename names where it was going (dest): that is the path in the way, not the temporary file.
  return { path: typeof e.dest === 'string' ? e.dest : typeof e.path === 'string' ? e.path : null, reason };
}

/**
 * Checks that files can be created in each folder (creating the folders if needed): the first that cannot, with
 * why, or null. A probe file is written and removed, since a mode says nothing for root or on a read-only mount.
 */
export function firstUnwritable(dirs: string[]): Unwritable | null {
  for (const dir of dirs) {
    try {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      const probe = join(dir, `.write-probe.${process.pid}.tmp`);
      writeFileSync(probe, '', { mode: 0o600 });
      rmSync(probe, { force: true });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      return { path: dir, reason: code === 'EEXIST' ? 'ENOTDIR' : (code ?? (error as Error).message) };
    }
  }
  return null;
}
