import { mkdir, readdir, readFile, rm, stat } from "node:fs/promises";
import { dirname, extname, join, relative, sep } from "node:path";
import type { FileRepository } from "../file-repository.js";
import { filesDir } from "../files-dir.js";
import { writeFileAtomically } from "./atomic-json-file.js";

const MIME_TYPES: Record<string, string> = {
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".png": "image/png",
  ".webp": "image/webp",
  ".gif": "image/gif",
  ".ogg": "audio/ogg",
  ".oga": "audio/ogg",
  ".mp3": "audio/mpeg",
  ".m4a": "audio/mp4",
  ".pdf": "application/pdf",
  ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

/** A key is relative segments of safe characters: never absolute, never `..`. */
const SAFE_KEY = /^(?:[A-Za-z0-9@_-][A-Za-z0-9@._-]*\/)*[A-Za-z0-9@_-][A-Za-z0-9@._-]*$/;

/**
 * Kept files on disk under `$DATA_DIR/files/<key>` (mode 0600, written atomically). The
 * media type is the key's extension's, so a key names the file's type.
 */
export function openFiles(dataDir: string): FileRepository {
  const root = filesDir(dataDir);
  const pathOf = (key: string) => (SAFE_KEY.test(key) ? join(root, ...key.split("/")) : undefined);
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
        .filter((key) => key.startsWith(prefix) && SAFE_KEY.test(key))
        .sort();
    },
  };
}

function mimeTypeOf(key: string): string {
  return MIME_TYPES[extname(key).toLowerCase()] ?? "application/octet-stream";
}
