import { mkdir, readdir, readFile, rm, stat } from "node:fs/promises";
import { dirname, join, relative, sep } from "node:path";
import { isFileKey, mimeTypeOf } from "../file-keys.js";
import type { FileRepository } from "../file-repository.js";
import { filesDir } from "../files-dir.js";
import { writeFileAtomically } from "./atomic-json-file.js";

/**
 * Kept files on disk under `$DATA_DIR/files/<key>` (mode 0600, written atomically). The
 * media type is the key's extension's, so a key names the file's type.
 */
export function openFiles(dataDir: string): FileRepository {
  const root = filesDir(dataDir);
  const pathOf = (key: string) => (isFileKey(key) ? join(root, ...key.split("/")) : undefined);
  return {
    put: async (key, file) => {
      const path = pathOf(key);
      if (!path) throw new Error(`not a file key: ${key}`);
      await mkdir(dirname(path), { recursive: true, mode: 0o700 });
      await writeFileAtomically(path, file.bytes);
    },
    get: async (key) => {
      const path = pathOf(key);
      if (!path) return undefined;
      try {
        const bytes = new Uint8Array(await readFile(path));
        return { bytes, mimeType: mimeTypeOf(key) };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
        throw error;
      }
    },
    exists: async (key) => {
      const path = pathOf(key);
      return path !== undefined && (await stat(path).catch(() => undefined))?.isFile() === true;
    },
    delete: async (key) => {
      const path = pathOf(key);
      if (path) await rm(path, { force: true });
    },
    list: async (prefix) => {
      const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
      return entries
        .filter((entry) => entry.isFile() && !entry.name.endsWith(".tmp"))
        .map((entry) => relative(root, join(entry.parentPath, entry.name)).split(sep).join("/"))
        .filter((key) => key.startsWith(prefix) && isFileKey(key))
        .sort();
    },
  };
}
