import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { promisify } from "node:util";
import pg from "pg";
import { compiled, ROOT } from "./bot-process.js";

const run = promisify(execFile);

/**
 * The PostgreSQL server the benchmarks make their databases on: `BENCH_DATABASE_URL`, else
 * the machine's own (trust authentication on loopback), as the tests use it.
 */
const SERVER_URL = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

/**
 * The databases of one benchmark run: the province moved once with `store migrate` into a
 * database of its own, then a fresh copy of it for each benchmark (`CREATE DATABASE …
 * TEMPLATE`, a file copy on the server), so that none sees what another left behind.
 * All of them are dropped at the end.
 */
export class BenchDatabases {
  private readonly prefix = `chung_suc_bench_${randomBytes(4).toString("hex")}`;
  private readonly made: string[] = [];
  private province?: Promise<string>;

  /** A fresh database holding the province that `provinceDir` resolves to (on files). */
  async copyOf(provinceDir: () => Promise<string>, log: (line: string) => void): Promise<string> {
    this.province ??= this.migrated(provinceDir, log);
    const template = await this.province;
    const copy = await this.create(`${this.prefix}_${this.made.length}`, template);
    return urlOf(copy);
  }

  /** Drops every database of the run, even if a bot still holds a connection to it. */
  async dropAll(): Promise<void> {
    for (const name of [...this.made].reverse()) {
      await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    }
    this.made.length = 0;
  }

  private async migrated(
    provinceDir: () => Promise<string>,
    log: (line: string) => void,
  ): Promise<string> {
    const dir = await provinceDir();
    const name = await this.create(`${this.prefix}_province`);
    const started = performance.now();
    // The operator's way in: the command the README gives, with the bot stopped.
    const { stdout } = await run(
      process.execPath,
      [compiled("src/cli/main.js"), "store", "migrate", "--to", urlOf(name), "--json"],
      { cwd: ROOT, env: { ...process.env, DATA_DIR: dir }, maxBuffer: 16 * 1024 * 1024 },
    );
    const moved = JSON.parse(stdout) as { verified: boolean };
    if (!moved.verified) throw new Error(`store migrate did not verify: ${stdout}`);
    log(
      `  moved the province into PostgreSQL in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    return name;
  }

  private async create(name: string, template?: string): Promise<string> {
    await admin(`CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ""}`);
    this.made.push(name);
    return name;
  }
}

function urlOf(database: string): string {
  const url = new URL(SERVER_URL);
  url.pathname = `/${database}`;
  return url.toString();
}

async function admin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: SERVER_URL });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
