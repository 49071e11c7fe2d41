import type { Queryable } from "./database.js";

/**
 * A table holding one kind of document: the whole record as JSONB in `doc` (the truth, read
 * back as it was written) beside an `id` and the columns queries filter and sort on, derived
 * from the document at every write so they never disagree with it.
 */
export interface DocumentTable<T> {
  /** The table's name. */
  name: string;
  /** The section of a backup that holds these documents (the lowdb collection's name). */
  collection: string;
  id(doc: T): string;
  /** The queried columns (snake_case, as in the table) and their values for a document. */
  columns?(doc: T): Record<string, unknown>;
}

/** How many documents go in one statement: keeps a parameter far below PostgreSQL's limits. */
const BATCH = 1000;

/** Stores documents, replacing those with the same id. */
export async function putDocs<T>(db: Queryable, table: DocumentTable<T>, docs: readonly T[]) {
  for (let start = 0; start < docs.length; start += BATCH) {
    const rows = docs
      .slice(start, start + BATCH)
      .map((doc) => ({ id: table.id(doc), ...table.columns?.(doc), doc }));
    const columns = Object.keys(rows[0] ?? { id: "", doc: null }).filter((c) => c !== "id");
    await db.query(
      `${insertRows(table, columns)}
       ON CONFLICT (id) DO UPDATE SET ${columns.map((c) => `${c} = EXCLUDED.${c}`).join(", ")}`,
      [JSON.stringify(rows)],
    );
  }
}

/**
 * The INSERT of rows given as a JSON array in `$1`, in the array's order, so each new row's
 * `pos` follows it.
 */
function insertRows<T>(table: DocumentTable<T>, columns: string[]): string {
  const list = ["id", ...columns].join(", ");
  return `INSERT INTO ${table.name} (${list})
    SELECT ${list} FROM jsonb_populate_recordset(NULL::${table.name}, $1::jsonb)`;
}

/** Stores documents whose id is not taken yet; returns the ids stored. */
export async function insertNewDocs<T>(
  db: Queryable,
  table: DocumentTable<T>,
  docs: readonly T[],
): Promise<Set<string>> {
  const inserted = new Set<string>();
  for (let start = 0; start < docs.length; start += BATCH) {
    const rows = docs
      .slice(start, start + BATCH)
      .map((doc) => ({ id: table.id(doc), ...table.columns?.(doc), doc }));
    const columns = Object.keys(rows[0] ?? { id: "", doc: null }).filter((c) => c !== "id");
    const result = await db.query<{ id: string }>(
      `${insertRows(table, columns)} ON CONFLICT (id) DO NOTHING RETURNING id`,
      [JSON.stringify(rows)],
    );
    for (const row of result.rows) inserted.add(row.id);
  }
  return inserted;
}

/** The documents a query selects (its first column must be `doc`). */
export async function docs<T>(db: Queryable, sql: string, values: unknown[] = []): Promise<T[]> {
  const result = await db.query<{ doc: T }>(sql, values);
  return result.rows.map((row) => row.doc);
}

/** The one document a query selects, if any. */
export async function doc<T>(
  db: Queryable,
  sql: string,
  values: unknown[] = [],
): Promise<T | undefined> {
  return (await docs<T>(db, sql, values))[0];
}

/** The document with this id. */
export function getDoc<T>(db: Queryable, table: DocumentTable<T>, id: string) {
  return doc<T>(db, `SELECT doc FROM ${table.name} WHERE id = $1`, [id]);
}

/**
 * Inside a transaction: waits until no other transaction holds this id of this table, then
 * reads its document. Holds it until the transaction ends, whether or not the row exists yet,
 * so a check-then-write on it (compare-and-set, a first insert) cannot interleave with another.
 */
export async function lockDoc<T>(
  tx: Queryable,
  table: DocumentTable<T>,
  id: string,
): Promise<T | undefined> {
  await tx.query("SELECT pg_advisory_xact_lock(hashtext(current_schema() || $1))", [
    `${table.name}:${id}`,
  ]);
  return getDoc(tx, table, id);
}

/** Removes documents by id. */
export async function removeDocs<T>(db: Queryable, table: DocumentTable<T>, ids: string[]) {
  if (ids.length === 0) return;
  await db.query(`DELETE FROM ${table.name} WHERE id = ANY($1::text[])`, [ids]);
}
