import { afterAll, describe, expect, it, vi } from "vitest";
import type { Job } from "../../src/jobs/job.js";
import { JobRunner } from "../../src/jobs/job-runner.js";
import { silentLogger } from "../../src/logger.js";
import { openPgStore, type PgStore } from "../../src/store/postgres/pg-store.js";
import { postgresSkipReason, TEST_DATABASE_URL, TestSchema } from "../support/postgres.js";

const skipReason = await postgresSkipReason();
if (skipReason) console.warn(`Skipping the shared job runner tests: ${skipReason}`);

const LEASE_MS = 15 * 60_000;
/** Friday 27/11/2026 08:00 in Hanoi: the reminders' occurrence. */
const FRIDAY_8 = new Date("2026-11-27T01:00:00Z");

/** A job whose runs wait at a gate the test opens, so two instances can overlap in one. */
function gatedJob() {
  const runs: Date[] = [];
  let open: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => {
    open = resolve;
  });
  const job: Job = {
    name: "reminders",
    schedules: ["0 8 * * 5"],
    catchUpWindowMs: 4 * 3600_000,
    run: async (occurrence) => {
      runs.push(occurrence);
      // A second run means the occurrence was run twice: nothing left to wait for.
      if (runs.length === 2) open();
      await gate;
    },
  };
  return { job, runs, open };
}

describe.skipIf(skipReason !== undefined)("scheduled jobs on instances sharing PostgreSQL", () => {
  const schemas: TestSchema[] = [];
  const stores: PgStore[] = [];
  afterAll(async () => {
    for (const store of stores) await store.close();
    for (const schema of schemas) await schema.drop();
  });

  /** Two instances' stores on one fresh schema. */
  async function twoInstances(): Promise<[PgStore, PgStore]> {
    const schema = new TestSchema();
    schemas.push(schema);
    const a = await openPgStore(TEST_DATABASE_URL, { schema: schema.name });
    const b = await openPgStore(TEST_DATABASE_URL, { schema: schema.name });
    stores.push(a, b);
    return [a, b];
  }

  function runner(store: PgStore, job: Job, now: () => Date): JobRunner {
    return new JobRunner([job], {
      store,
      logger: silentLogger(),
      timeZone: "Asia/Ho_Chi_Minh",
      now,
      sharedLeaseMs: LEASE_MS,
    });
  }

  it("runs an occurrence once when both instances tick at its minute", async () => {
    const [a, b] = await twoInstances();
    const { job, runs, open } = gatedJob();
    const now = () => new Date(FRIDAY_8.getTime() + 2000);
    const first = runner(a, job, now).runOccurrence(job, FRIDAY_8);
    await vi.waitFor(() => expect(runs).toHaveLength(1));
    // The first instance is still running it, not yet marked done, when the second ticks.
    await runner(b, job, now).runOccurrence(job, FRIDAY_8);
    open();
    await first;
    await runner(b, job, now).catchUp();
    expect(runs).toEqual([FRIDAY_8]);
  });

  it("lets another instance run an occurrence whose runner died, once its lease has passed", async () => {
    const [a, b] = await twoInstances();
    const { job, runs } = gatedJob();
    let clock = FRIDAY_8.getTime() + 2000;
    const now = () => new Date(clock);
    // The first instance starts the occurrence and never finishes (killed mid-run).
    void runner(a, job, now).runOccurrence(job, FRIDAY_8);
    await vi.waitFor(() => expect(runs).toHaveLength(1));

    const survivor = runner(b, job, now);
    await survivor.catchUp();
    expect(runs).toHaveLength(1);

    const done: Date[] = [];
    const finishing: Job = { ...job, run: async (occurrence) => void done.push(occurrence) };
    clock += LEASE_MS + 60_000;
    const later = runner(b, finishing, now);
    await later.catchUp();
    await later.catchUp();
    expect(done).toEqual([FRIDAY_8]);
  });
});
