import { readFile, stat } from "node:fs/promises";

/**
 * What each file is now: its inode (a data file is replaced by a rename on every write, so a
 * rewrite gets a new one) and its text. Comparing two readings tells which files were written,
 * without waiting for the clock to tick between them as modification times would need.
 */
export async function fileVersions(files: readonly string[]): Promise<Map<string, string>> {
  const versions = new Map<string, string>();
  for (const file of files) {
    const [{ ino }, text] = await Promise.all([stat(file), readFile(file, "utf8")]);
    versions.set(file, `${ino}\n${text}`);
  }
  return versions;
}

/** The files whose version differs between two readings (or that are new in the second). */
export function rewritten(before: Map<string, string>, after: Map<string, string>): string[] {
  return [...after].filter(([file, version]) => before.get(file) !== version).map(([f]) => f);
}
