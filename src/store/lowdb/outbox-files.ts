import { mkdir, open, readFile, rename, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import { FILE_MODE } from "./atomic-json-file.js";

let tempCounter = 0;

/**
 * The bytes of files sent through the outbox (charts, spreadsheets, photos), one file per
 * content hash under `$DATA_DIR/files/`, readable by the owner only. Kept out of the JSON
 * partitions so that a ledger write never carries them.
 */
export class OutboxFiles {
  constructor(private readonly dir: string) {}

  /** Stores bytes under their hash (once); resolves when they are on disk. */
  async save(sha256: string, bytes: Uint8Array): Promise<void> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    const file = join(this.dir, sha256);
    const existing = await stat(file).catch(() => undefined);
    if (existing?.size === bytes.length) return;
    tempCounter += 1;
    const temp = `${file}.${process.pid}.${tempCounter}.tmp`;
    const handle = await open(temp, "w", FILE_MODE);
    try {
      await handle.chmod(FILE_MODE);
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    try {
      await rename(temp, file);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
  }

  /** The bytes stored under a hash. */
  read(sha256: string): Promise<Buffer> {
    return readFile(join(this.dir, sha256));
  }
}
