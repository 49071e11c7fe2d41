import { openLowStore } from "../../../src/store/lowdb/lowdb-store.js";
import type { Store } from "../../../src/store/store.js";
import { tempDir } from "../../support/processes.js";

/** A store under test, opened empty, that can be closed and opened again on the same data. */
export interface OpenedAdapter {
  store: Store;
  /** Closes this store and opens the same data again (what a restart does). */
  reopen(): Promise<Store>;
  close(): Promise<void>;
}

/**
 * Every adapter of the Store port. The contract suite runs once per entry; a new adapter
 * (PostgreSQL) joins by adding its factory here, without changing a test.
 */
export const ADAPTERS: { name: string; open(): Promise<OpenedAdapter> }[] = [
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
];
