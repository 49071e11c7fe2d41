import { openLowStore } from "../../../src/store/lowdb/lowdb-store.js";
import { openPgStore } from "../../../src/store/postgres/pg-store.js";
import type { Store } from "../../../src/store/store.js";
import { postgresSkipReason, TEST_DATABASE_URL, TestSchema } from "../../support/postgres.js";
import { tempDir } from "../../support/processes.js";

/** A store under test, opened empty, that can be closed and opened again on the same data. */
export interface OpenedAdapter {
  store: Store;
  /** Closes this store and opens the same data again (what a restart does). */
  reopen(): Promise<Store>;
  close(): Promise<void>;
}

/** An adapter the contract suite runs on. */
export interface AdapterUnderTest {
  name: string;
  /** Why it cannot run on this machine (its server is absent); its tests are then skipped. */
  skipReason?: string;
  open(): Promise<OpenedAdapter>;
  /** Lets go of what the adapter's tests shared (a database schema), after the last test. */
  dispose?(): Promise<void>;
}

const pgSkipReason = await postgresSkipReason();
if (pgSkipReason) console.warn(`Skipping the Store contract on PostgreSQL: ${pgSkipReason}`);
const schema = new TestSchema();

/**
 * Every adapter of the Store port. The contract suite runs once per entry; a new adapter
 * joins by adding its factory here, without changing a test.
 */
export const ADAPTERS: AdapterUnderTest[] = [
  {
    name: "lowdb",
    open: async () => {
      const dir = await tempDir();
      let current = await openLowStore(dir);
      return {
        store: current,
        reopen: async () => {
          await current.close();
          current = await openLowStore(dir);
          return current;
        },
        close: () => current.close(),
      };
    },
  },
  {
    name: "PostgreSQL",
    ...(pgSkipReason ? { skipReason: pgSkipReason } : {}),
    open: async () => {
      const open = () => openPgStore(TEST_DATABASE_URL, { schema: schema.name });
      let current = await open();
      // The schema is migrated once per file; each test starts from empty tables.
      await schema.empty();
      return {
        store: current,
        reopen: async () => {
          await current.close();
          current = await open();
          return current;
        },
        close: () => current.close(),
      };
    },
    dispose: () => schema.drop(),
  },
];
