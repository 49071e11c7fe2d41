import { join } from "node:path";
import { AtomicJsonFile } from "./atomic-json-file.js";
import type { Collection } from "./collection.js";

/** The schema version this code writes. Raise it with each new migration. */
export const SCHEMA_VERSION = 1;

/** A change of stored shape, applied once when an older data folder is opened. */
export interface Migration {
  /** The schema version after this migration. */
  version: number;
  description: string;
  up(collections: ReadonlyMap<string, Collection<unknown>>): Promise<void>;
}

interface Meta {
  schemaVersion: number;
  migratedAt?: string;
}

/**
 * Brings the folder's data up to the newest version: each pending migration runs in order
 * and the version is recorded after each, so an interrupted upgrade resumes where it stopped.
 */
export async function runMigrations(
  dbDir: string,
  collections: ReadonlyMap<string, Collection<unknown>>,
  migrations: readonly Migration[],
): Promise<number> {
  const metaFile = new AtomicJsonFile<Meta>(join(dbDir, "meta.json"));
  const target = Math.max(SCHEMA_VERSION, ...migrations.map((m) => m.version));
  const meta = await metaFile.read();
  if (!meta) {
    await metaFile.write({ schemaVersion: target });
    return target;
  }
  if (meta.schemaVersion > target) {
    throw new Error(
      `the data in ${dbDir} is from a newer version (schema ${meta.schemaVersion}); upgrade the software`,
    );
  }
  let version = meta.schemaVersion;
  for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
    if (migration.version <= version) continue;
    await migration.up(collections);
    await Promise.all([...collections.values()].map((c) => c.flush()));
    version = migration.version;
    await metaFile.write({ schemaVersion: version, migratedAt: new Date().toISOString() });
  }
  return version;
}
