/** A kept file: its bytes and media type. */
export interface StoredFile {
  bytes: Uint8Array;
  mimeType: string;
}

/**
 * Kept files (report and broadcast photos, step previews, queued payloads, audio) by key.
 * A key is a relative path of safe segments (`reports/<report>/<name>.jpg`) whose extension
 * names the type; records keep the key. Nothing outside the store reads or writes these files.
 */
export interface FileRepository {
  /** Stores the file under the key, replacing one there; resolves once it is durable. */
  put(key: string, file: StoredFile): Promise<void>;
  /** The file, or undefined when there is none (or the key is not a safe relative path). */
  get(key: string): Promise<StoredFile | undefined>;
  exists(key: string): Promise<boolean>;
  /** Removes the file; nothing happens when there is none. */
  delete(key: string): Promise<void>;
  /** The keys that start with `prefix` (a folder such as `reports/`), sorted. */
  list(prefix: string): Promise<string[]>;
}
