// The agency directories as the city edits them (a plan names its directory; the bundled ones seed them).
import { Directory } from '../../shared/directory/agency.ts';
import { Part } from './part.ts';
import { parseStored, shape } from './stored-json.ts';

const DIRECTORY = shape(Directory);
type DirectoryRecord = { id: string; directory_json: string; json_version: number };

export class DirectoryRows extends Part {
  async directories(): Promise<Directory[]> {
    return (
      await this.db.all<DirectoryRecord>('SELECT id, directory_json, json_version FROM directories ORDER BY id')
    ).map((r) => parseStored(DIRECTORY, r.json_version, r.directory_json, `directory ${r.id}`));
  }
  async directory(id: string): Promise<Directory | null> {
    const row = await this.db.get<DirectoryRecord>(
      'SELECT id, directory_json, json_version FROM directories WHERE id = ?',
      [id],
    );
    return row ? parseStored(DIRECTORY, row.json_version, row.directory_json, `directory ${id}`) : null;
  }
  async saveDirectory(directory: Directory, at: string): Promise<void> {
    await this.db.run(
      `INSERT INTO directories (id, directory_json, updated_at, json_version) VALUES (?, ?, ?, ?)
      ON CONFLICT (id) DO UPDATE SET directory_json = excluded.directory_json, updated_at = excluded.updated_at, json_version = excluded.json_version`,
      [directory.id, JSON.stringify(directory), at, DIRECTORY.current],
    );
  }
}
