import { open, readFile, rm } from "node:fs/promises";
import { join } from "node:path";

/** A held lock on a data folder: only its holder opens the data files. */
export interface OwnerLock {
  release(): Promise<void>;
}

/**
 * Takes the data folder's owner lock, or returns undefined when a live process holds it.
 * A lock left by a process that died (SIGKILL, power loss) is taken over.
 */
export async function tryOwnerLock(dataDir: string): Promise<OwnerLock | undefined> {
  const file = join(dataDir, "owner.lock");
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const handle = await open(file, "wx", 0o600);
      await handle.writeFile(String(process.pid));
      await handle.close();
      let released = false;
      return {
        release: async () => {
          if (released) return;
          released = true;
          await rm(file, { force: true });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = Number((await readFile(file, "utf8").catch(() => "")).trim());
      if (holder && holder !== process.pid && isAlive(holder)) return undefined;
      // The holder is gone (or the file is half-written by a crash): take it over.
      await rm(file, { force: true });
    }
  }
  return undefined;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
