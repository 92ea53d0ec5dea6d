// What each part of the store is written over: one handle, the connection's or a transaction's (db.ts).
import type { Db } from './db.ts';

export abstract class Part {
  constructor(protected readonly db: Db) {}
}
