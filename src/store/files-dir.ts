import { join } from "node:path";

/**
 * The folder holding every kept file (photos, queued files, audio): `$DATA_DIR/files`.
 * Paths kept in records are relative to it.
 */
export function filesDir(dataDir: string): string {
  return join(dataDir, "files");
}
