import type { RepositoryName } from "../store.js";
import { type Database, quoteIdentifier } from "./database.js";

/** A change of the schema, applied once, in order, in the transaction that records it. */
export interface SqlMigration {
  version: number;
  description: string;
  sql: string;
}

/**
 * Every table keeps its record whole in `doc`; other columns are what queries use. `pos` is
 * the order records were first stored in, kept when one is replaced: lists come in that order
 * (units as shipped, say), as they do from lowdb.
 */
const documentTable = (name: string, columns = "") =>
  `CREATE TABLE ${name} (id text PRIMARY KEY, pos bigserial NOT NULL,${columns} doc jsonb NOT NULL);`;

/** The tables of each repository of the Store: a write to any of them is a change of it. */
export const CHANGE_SIGNALS: Record<RepositoryName, readonly string[]> = {
  units: ["units"],
  organisations: ["organisations"],
  criteria: ["criteria_sets", "criteria_status"],
  campaigns: ["campaigns", "recognitions"],
  reportFields: ["report_fields"],
  members: ["members"],
  invites: ["invites"],
  claims: ["claims"],
  attempts: ["attempts"],
  sequences: ["sequences"],
  dialogs: ["dialogs"],
  reports: ["reports", "report_history", "reopened_weeks"],
  outbox: ["outbox", "outbox_payloads", "outbox_purposes", "outbox_files"],
  broadcasts: ["broadcasts", "broadcast_audit"],
  summaries: ["summaries"],
  stories: ["stories"],
  chatMenus: ["chat_menus"],
  files: ["kept_files"],
  audit: ["admin_audit"],
};

/** The repositories whose change signals migration 2 made; later ones bring their own. */
const SIGNALLED_IN_V2 = Object.entries(CHANGE_SIGNALS).filter(
  ([repository]) => repository !== "audit",
);

/** The sequence and triggers that make writes to a repository's tables its change signal. */
function changeSignal(repository: string, tables: readonly string[]): string[] {
  return [
    `CREATE SEQUENCE ${changeSequence(repository)};`,
    ...tables.map(
      (table) =>
        `CREATE TRIGGER ${table}_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${table}
         FOR EACH STATEMENT EXECUTE FUNCTION signal_change('${changeSequence(repository)}');`,
    ),
  ];
}

/** The sequence counting a repository's changes. */
export function changeSequence(repository: string): string {
  return `changes_${repository.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}`;
}

/** The schema's history. Append a migration for any change; never edit a released one. */
export const MIGRATIONS: readonly SqlMigration[] = [
  {
    version: 1,
    description: "every collection of the store",
    sql: [
      documentTable("units"),
      documentTable("organisations"),
      documentTable("criteria_sets"),
      documentTable("criteria_status", " unit_id text NOT NULL,"),
      "CREATE INDEX criteria_status_by_unit ON criteria_status (unit_id);",
      documentTable("campaigns"),
      documentTable("recognitions"),
      documentTable("report_fields"),
      documentTable(
        "members",
        " unit_id text NOT NULL, phone text, identity_keys text[] NOT NULL,",
      ),
      "CREATE INDEX members_by_identity ON members USING gin (identity_keys);",
      "CREATE INDEX members_by_unit ON members (unit_id);",
      "CREATE INDEX members_by_phone ON members (phone) WHERE phone IS NOT NULL;",
      documentTable("invites"),
      documentTable("claims", " expires_at timestamptz,"),
      documentTable("attempts"),
      documentTable("sequences"),
      documentTable("dialogs"),
      documentTable("reports", " week text NOT NULL, hamlet_id text NOT NULL, author_id text,"),
      "CREATE INDEX reports_by_week_and_unit ON reports (week, hamlet_id);",
      "CREATE INDEX reports_by_author ON reports (author_id);",
      documentTable("report_history", " report_id text NOT NULL, version integer NOT NULL,"),
      "CREATE INDEX report_history_by_report ON report_history (report_id, version);",
      documentTable("reopened_weeks"),
      documentTable(
        "outbox",
        ` purpose text NOT NULL, state text NOT NULL, not_before timestamptz NOT NULL,
          urgent boolean NOT NULL, created_at timestamptz NOT NULL, payload_id text NOT NULL,
          lease_id text, lease_until timestamptz, finished_at timestamptz,`,
      ),
      // Claiming and recovery scan only live sends, never the history of ended ones.
      `CREATE INDEX outbox_due ON outbox (state, urgent DESC, not_before, created_at)
         WHERE state IN ('queued', 'sending');`,
      "CREATE INDEX outbox_by_purpose ON outbox (purpose, state);",
      "CREATE INDEX outbox_by_payload ON outbox (payload_id);",
      documentTable("outbox_payloads", " file_sha256 text, saved_at timestamptz NOT NULL,"),
      "CREATE INDEX outbox_payloads_by_file ON outbox_payloads (file_sha256);",
      "CREATE TABLE outbox_files (id text PRIMARY KEY, bytes bytea NOT NULL);",
      documentTable("outbox_purposes"),
      documentTable("broadcasts", " author_id text NOT NULL, state text NOT NULL,"),
      "CREATE INDEX broadcasts_by_author ON broadcasts (author_id);",
      "CREATE INDEX broadcasts_by_state ON broadcasts (state);",
      documentTable("broadcast_audit", " broadcast_id text NOT NULL, seq integer NOT NULL,"),
      "CREATE INDEX broadcast_audit_by_broadcast ON broadcast_audit (broadcast_id, seq);",
      documentTable("summaries", " period_key text NOT NULL, area_id text NOT NULL,"),
      "CREATE INDEX summaries_by_period ON summaries (period_key);",
      "CREATE INDEX summaries_by_area ON summaries (area_id);",
      documentTable(
        "stories",
        " status text NOT NULL, report_id text, broadcast_ids text[] NOT NULL,",
      ),
      "CREATE INDEX stories_by_status ON stories (status);",
      "CREATE INDEX stories_by_report ON stories (report_id);",
      "CREATE INDEX stories_by_broadcast ON stories USING gin (broadcast_ids);",
      documentTable("chat_menus"),
    ].join("\n"),
  },
  {
    version: 2,
    description: "kept files, and a change signal per repository",
    sql: [
      "CREATE TABLE kept_files (id text PRIMARY KEY, bytes bytea NOT NULL);",
      // A sequence per repository, moved on by every statement that writes one of its
      // tables: never locks, and every instance reads the same numbers.
      `CREATE FUNCTION signal_change() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN PERFORM nextval(format('%I.%I', TG_TABLE_SCHEMA, TG_ARGV[0])::regclass); RETURN NULL; END $$;`,
      ...SIGNALLED_IN_V2.flatMap(([repository, tables]) => changeSignal(repository, tables)),
    ].join("\n"),
  },
  {
    version: 3,
    description: "the administrators' audit trail",
    sql: [
      documentTable("admin_audit", " at text NOT NULL,"),
      `CREATE INDEX admin_audit_by_time ON admin_audit (at COLLATE "C");`,
      ...changeSignal("audit", CHANGE_SIGNALS.audit),
    ].join("\n"),
  },
  {
    version: 4,
    description: "live sends by member, to keep one member's messages in order",
    sql: `CREATE INDEX outbox_live_by_member ON outbox ((doc->>'memberId'), created_at)
            WHERE state IN ('queued', 'sending');`,
  },
  {
    version: 5,
    description: "the enqueue sequence, to keep the order of sends queued in one millisecond",
    sql: [
      "ALTER TABLE outbox ADD COLUMN seq bigint NOT NULL DEFAULT 0;",
      // Sends already stored are numbered in the order they were queued, in the column and
      // in the document (the truth the column is derived from at every write).
      `UPDATE outbox o SET seq = n.seq, doc = jsonb_set(o.doc, '{seq}', to_jsonb(n.seq))
         FROM (SELECT id, row_number() OVER (ORDER BY created_at, pos) AS seq FROM outbox) n
        WHERE o.id = n.id;`,
      "CREATE SEQUENCE outbox_seq;",
      "SELECT setval('outbox_seq', (SELECT COALESCE(max(seq), 0) + 1 FROM outbox), false);",
      "DROP INDEX outbox_live_by_member;",
      `CREATE INDEX outbox_live_by_member_in_order ON outbox ((doc->>'memberId'), created_at, seq)
         WHERE state IN ('queued', 'sending');`,
    ].join("\n"),
  },
  {
    version: 6,
    description: "send slots per channel, shared by every instance",
    // Milliseconds since the epoch on the database's clock; pacing state, not data: no
    // change signal, not in backups.
    sql: "CREATE TABLE send_pace (id text PRIMARY KEY, next_at double precision NOT NULL);",
  },
  {
    version: 7,
    description: "the transaction that last wrote each report, for reading what changed since",
    // Set by the database on every write, whoever writes: `reports.changedSince` reads the rows
    // whose writer a reader's last snapshot did not see. Rows written before stay NULL: a
    // reader starts from every report anyway.
    sql: [
      "ALTER TABLE reports ADD COLUMN written_by xid8;",
      `CREATE FUNCTION note_writer() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN NEW.written_by := pg_current_xact_id(); RETURN NEW; END $$;`,
      `CREATE TRIGGER reports_writer BEFORE INSERT OR UPDATE ON reports
         FOR EACH ROW EXECUTE FUNCTION note_writer();`,
      "CREATE INDEX reports_by_writer ON reports (written_by);",
    ].join("\n"),
  },
  {
    version: 8,
    description: "members by the roles granted them, to list a province's hamlet heads",
    sql: "CREATE INDEX members_by_role ON members USING gin ((doc->'roles') jsonb_path_ops);",
  },
];

/** The newest schema version this code knows. */
export const SCHEMA_VERSION = Math.max(...MIGRATIONS.map((m) => m.version));

/**
 * Brings the database up to the newest schema at start-up: in one transaction, under a lock
 * held by one starting instance at a time, applies each migration not recorded yet and
 * records it. Refuses a database migrated by newer code.
 */
export async function migrate(db: Database): Promise<number> {
  if (db.schema) {
    await db
      .query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdentifier(db.schema)}`)
      .catch(ignoreRaceOnCreate);
  }
  return db.transaction(async (tx) => {
    await tx.query("SELECT pg_advisory_xact_lock(hashtext(current_schema() || ':migrations'))");
    await tx.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY, description text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const applied = await tx.query<{ version: number }>("SELECT version FROM schema_migrations");
    const done = new Set(applied.rows.map((row) => row.version));
    const newest = Math.max(0, ...done);
    if (newest > SCHEMA_VERSION) {
      throw new Error(
        `the database is from a newer version (schema ${newest}); upgrade the software`,
      );
    }
    for (const migration of MIGRATIONS) {
      if (done.has(migration.version)) continue;
      await tx.query(migration.sql);
      await tx.query("INSERT INTO schema_migrations (version, description) VALUES ($1, $2)", [
        migration.version,
        migration.description,
      ]);
    }
    return SCHEMA_VERSION;
  });
}

/** Two instances creating the schema at once: the loser finds it made (unique violation). */
function ignoreRaceOnCreate(error: { code?: string }): void {
  if (error.code !== "23505") throw error;
}
