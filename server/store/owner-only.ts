// Files under DATA_DIR hold every report and the access codes: owner-only, whatever the umask or the
// mode of a directory that existed before.
import { chmodSync, closeSync, mkdirSync, openSync, renameSync, rmSync, writeFileSync } from 'node:fs';

/** Creates the directory (and parents) if needed and makes it 0700. */
export function ownerOnlyDir(path: string): void {
  mkdirSync(path, { recursive: true, mode: 0o700 });
  chmodSync(path, 0o700);
}

/** Makes sure a file exists with mode 0600 before a library (SQLite) opens it. */
export function ownerOnlyFile(path: string): void {
  closeSync(openSync(path, 'a', 0o600));
  chmodSync(path, 0o600);
}

/** Writes a file atomically (temporary file, then rename) with mode 0600; a failed write leaves no temporary file behind. */
export function writeOwnerOnly(path: string, content: string): void {
  const temporary = `${path}.${process.pid}.tmp`;
  // One left by a killed process with this pid would keep its own mode: created afresh.
  rmSync(temporary, { force: true });
  try {
    writeFileSync(temporary, content, { mode: 0o600 });
    chmodSync(temporary, 0o600);
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}
