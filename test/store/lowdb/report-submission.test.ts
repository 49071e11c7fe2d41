import { mkdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Story } from "../../../src/domain/story.js";
import { openLowStore } from "../../../src/store/lowdb/lowdb-store.js";
import { tempDir } from "../../support/processes.js";

const NOW = "2026-11-25T03:00:00.000Z";
const HAMLET = "hung-dao.nam-phong-2";
const REPORT_ID = `${HAMLET}@2026-W48`;

const nomination: Story = {
  id: "7",
  title: "Đường bê tông",
  text: "Bà con góp công làm đường",
  unitId: HAMLET,
  criterionIds: [],
  authorId: "head",
  reportId: REPORT_ID,
  status: "nominated",
  consent: "agreed",
  createdAt: NOW,
  updatedAt: NOW,
};

describe("a report submission on lowdb", () => {
  it("interrupted half-way through its files, is finished whole at the next start", async () => {
    const dir = await tempDir();
    const store = await openLowStore(dir);
    // The library's files cannot be replaced (a directory stands where each would go): the
    // submission's writes stop there, as they would if the machine stopped.
    const stories = join(dir, "db", "stories");
    for (let i = 0; i < 8; i++) {
      const blocker = join(stories, `p00${i}.json`);
      await mkdir(blocker, { recursive: true });
      await writeFile(join(blocker, "x"), "");
    }
    await expect(
      store.reports.submit({
        report: {
          id: REPORT_ID,
          hamletId: HAMLET,
          week: "2026-W48",
          authorId: "head",
          groups: [],
          values: { roadConcretedM: 120 },
          criteriaClaimed: [],
          photos: [],
          submittedAt: NOW,
          late: false,
          review: "submitted",
          version: 0,
        },
        criteria: [],
        nomination: { save: nomination },
      }),
    ).rejects.toThrow();
    await store.close().catch(() => undefined);
    await rm(stories, { recursive: true, force: true });

    const restarted = await openLowStore(dir);
    expect((await restarted.reports.get(HAMLET, "2026-W48"))?.receipt).toBe("2026-48-0001");
    expect((await restarted.stories.findByReport(REPORT_ID))?.id).toBe("7");
    await restarted.close();
    const again = await openLowStore(dir);
    expect((await again.reports.get(HAMLET, "2026-W48"))?.receipt).toBe("2026-48-0001");
  });

  it("files a burst of reports from many hamlets at once, each under its own number, all kept", async () => {
    const dir = await tempDir();
    const store = await openLowStore(dir);
    const hamlets = Array.from({ length: 300 }, (_, i) => `xa.xom-${i}`);
    const filed = await Promise.all(
      hamlets.map((hamletId) =>
        store.reports.submit({
          report: {
            id: `${hamletId}@2026-W48`,
            hamletId,
            week: "2026-W48",
            authorId: `head-${hamletId}`,
            groups: [],
            values: { roadConcretedM: 10 },
            criteriaClaimed: [],
            photos: [],
            submittedAt: NOW,
            late: false,
            review: "submitted",
            version: 0,
          },
          criteria: [],
        }),
      ),
    );
    const receipts = filed.map((report) => report?.receipt);
    expect(new Set(receipts).size).toBe(300);
    expect(receipts).toContain("2026-48-0300");
    await store.close();
    const restarted = await openLowStore(dir);
    expect(await restarted.reports.listWeek("2026-W48")).toHaveLength(300);
    await restarted.close();
  });
});
