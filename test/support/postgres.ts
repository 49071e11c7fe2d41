import { randomBytes } from "node:crypto";
import pg from "pg";
import { openPgStore, type PgStore } from "../../src/store/postgres/pg-store.js";

/**
 * The PostgreSQL the tests use: `TEST_DATABASE_URL`, else the machine's own server (trust
 * authentication, database `test`).
 */
export const TEST_DATABASE_URL =
  process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

/**
 * Why the PostgreSQL tests cannot run here, or undefined when they can. A machine with only
 * Node skips them (and says so); under CI they must run, so there it is never a reason.
 */
export async function postgresSkipReason(): Promise<string | undefined> {
  if (process.env.CI) return undefined;
  const client = new pg.Client({
    connectionString: TEST_DATABASE_URL,
    connectionTimeoutMillis: 3000,
  });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return undefined;
  } catch (error) {
    return `PostgreSQL at ${redacted(TEST_DATABASE_URL)} does not answer (${(error as Error).message})`;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * A schema of its own for one test file, so runs in parallel never see each other's data:
 * emptied between tests (cheaper than migrating again) and dropped at the end.
 */
export class TestSchema {
  readonly name = `test_${randomBytes(6).toString("hex")}`;
  private readonly opened: PgStore[] = [];

  /** A DATABASE_URL whose tables live in this schema (created by the first store opened). */
  get url(): string {
    const url = new URL(TEST_DATABASE_URL);
    url.searchParams.set("options", `-c search_path=${this.name}`);
    return url.toString();
  }

  /**
   * Empties every table the store made, keeping the schema and its migrations. DELETE rather
   * than TRUNCATE: a test leaves a few rows, and TRUNCATE makes and syncs new files per table.
   */
  async empty(): Promise<void> {
    await this.run(async (client) => {
      const tables = await client.query<{ tablename: string }>(
        "SELECT tablename FROM pg_tables WHERE schemaname = $1 AND tablename <> 'schema_migrations'",
        [this.name],
      );
      if (tables.rows.length === 0) return;
      await client.query(
        tables.rows.map((row) => `DELETE FROM "${this.name}"."${row.tablename}";`).join("\n"),
      );
    });
  }

  /** Makes the schema, for a store reached through `url` alone. */
  async create(): Promise<void> {
    await this.run((client) => client.query(`CREATE SCHEMA IF NOT EXISTS "${this.name}"`));
  }

  /**
   * The stores of `count` instances on this schema, each on connections of its own as separate
   * processes would be; closed by `drop`.
   */
  async instances(count: number): Promise<PgStore[]> {
    for (let i = 0; i < count; i++) {
      this.opened.push(await openPgStore(TEST_DATABASE_URL, { schema: this.name }));
    }
    return this.opened.slice(-count);
  }

  async drop(): Promise<void> {
    for (const store of this.opened.splice(0)) await store.close();
    await this.run((client) => client.query(`DROP SCHEMA IF EXISTS "${this.name}" CASCADE`));
  }

  private async run<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
    const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  }
}

function redacted(url: string): string {
  return url.replace(/\/\/[^@/]*@/, "//");
}
