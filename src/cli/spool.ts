import { createReadStream } from "node:fs";
import { type FileHandle, mkdtemp, open, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";

/** How much is gathered before it goes to the file. */
const CHUNK = 1 << 20;

/**
 * Values kept on disk, one JSON line each, while a long import is checked, then read back in
 * order to apply it: what the import will write is never held whole in memory. The file is
 * the process's own (a directory of mode 0700 under the system's temporary one) and removed
 * by `remove`, whatever happened.
 */
export class Spool<T> {
  private pending: string[] = [];
  private pendingLength = 0;

  private constructor(
    private readonly dir: string,
    private readonly file: string,
    private readonly handle: FileHandle,
  ) {}

  static async open<T>(): Promise<Spool<T>> {
    const dir = await mkdtemp(join(tmpdir(), "chung-suc-"));
    const file = join(dir, "spool.jsonl");
    return new Spool<T>(dir, file, await open(file, "w", 0o600));
  }

  async add(value: T): Promise<void> {
    const line = `${JSON.stringify(value)}\n`;
    this.pending.push(line);
    this.pendingLength += line.length;
    if (this.pendingLength >= CHUNK) await this.flush();
  }

  /** Every value added, in order. */
  async *values(): AsyncGenerator<T> {
    await this.flush();
    const lines = createInterface({ input: createReadStream(this.file), crlfDelay: Infinity });
    for await (const line of lines) {
      if (line !== "") yield JSON.parse(line) as T;
    }
  }

  async remove(): Promise<void> {
    await this.handle.close().catch(() => undefined);
    await rm(this.dir, { recursive: true, force: true });
  }

  private async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const text = this.pending.join("");
    this.pending = [];
    this.pendingLength = 0;
    await this.handle.write(text);
  }
}
