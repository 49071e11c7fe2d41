import { describe, expect, it } from "vitest";
import type { Job } from "../../src/jobs/job.js";
import { JobRunner } from "../../src/jobs/job-runner.js";
import { silentLogger } from "../../src/logger.js";
import { openLowStore } from "../../src/store/lowdb/lowdb-store.js";
import { tempDir } from "../support/processes.js";

function reminderJob(runs: Date[]): Job {
  return {
    name: "reminders",
    schedules: ["0 8 * * 5", "0 18 * * 0"],
    catchUpWindowMs: 4 * 3600_000,
    run: async (occurrence) => {
      runs.push(occurrence);
    },
  };
}

describe("scheduled jobs", () => {
  it("catches up a slot missed while the bot was down, once, if still in its window", async () => {
    const store = await openLowStore(await tempDir());
    const runs: Date[] = [];
    const job = reminderJob(runs);
    // Friday 27/11/2026 09:30 in Hanoi: the 08:00 slot was missed.
    const now = new Date("2026-11-27T02:30:00Z");
    const deps = { store, logger: silentLogger(), timeZone: "Asia/Ho_Chi_Minh", now: () => now };
    await new JobRunner([job], deps).catchUp();
    await new JobRunner([job], deps).catchUp();
    expect(runs).toEqual([new Date("2026-11-27T01:00:00Z")]);
  });

  it("lets a slot go when its window has passed", async () => {
    const store = await openLowStore(await tempDir());
    const runs: Date[] = [];
    const now = new Date("2026-11-27T08:30:00Z"); // Friday 15:30 in Hanoi
    const deps = { store, logger: silentLogger(), timeZone: "Asia/Ho_Chi_Minh", now: () => now };
    await new JobRunner([reminderJob(runs)], deps).catchUp();
    expect(runs).toEqual([]);
  });

  it("runs a failed occurrence again at the next start", async () => {
    const store = await openLowStore(await tempDir());
    let attempts = 0;
    const job: Job = {
      name: "flaky",
      schedules: ["0 9 * * 1"],
      catchUpWindowMs: 3 * 3600_000,
      run: async () => {
        attempts++;
        if (attempts === 1) throw new Error("platform down");
      },
    };
    const now = new Date("2026-11-30T03:00:00Z"); // Monday 10:00 in Hanoi
    const deps = { store, logger: silentLogger(), timeZone: "Asia/Ho_Chi_Minh", now: () => now };
    await new JobRunner([job], deps).catchUp();
    await new JobRunner([job], deps).catchUp();
    await new JobRunner([job], deps).catchUp();
    expect(attempts).toBe(2);
  });

  it("finds a missed slot at its minute in a zone half an hour off UTC", async () => {
    const store = await openLowStore(await tempDir());
    const runs: Date[] = [];
    const job: Job = {
      name: "summary",
      schedules: ["50 12 * * 1"],
      catchUpWindowMs: 3 * 3600_000,
      run: async (occurrence) => {
        runs.push(occurrence);
      },
    };
    // Monday 30/11/2026 13:30 in Kolkata (UTC+05:30): the 12:50 slot was missed.
    const now = new Date("2026-11-30T08:00:00Z");
    const deps = { store, logger: silentLogger(), timeZone: "Asia/Kolkata", now: () => now };
    await new JobRunner([job], deps).catchUp();
    expect(runs).toEqual([new Date("2026-11-30T07:20:00Z")]);
  });
});
