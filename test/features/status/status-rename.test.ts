import { describe, expect, it } from "vitest";
import { planUnitsImport } from "../../../src/features/admin/reference-import.js";
import { memberWith, openWorld, StatusChat, seedHungDao } from "./status-harness.js";

/** Wednesday 25/11/2026, 10:00 in Hanoi: week 48 (23/11 – 29/11) is under way. */
const NOW = "2026-11-25T03:00:00Z";

describe("/status after a hamlet is renamed by units import", () => {
  it("names xóm Đà Quận a tổ dân phố from the week the rename took effect", async () => {
    const world = await openWorld(NOW);
    await seedHungDao(world);
    const plan = await planUnitsImport(world.store, [
      {
        row: 2,
        values: {
          id: "hung-dao.da-quan",
          name: "Tổ dân phố Đà Quận",
          kind: "hamlet",
          parent: "",
          households: "",
          from: "2026-11-23",
        },
      },
    ]);
    if (!plan.ok) throw new Error(JSON.stringify(plan.problems));
    await world.store.units.saveMany(plan.changes.map((change) => change.record));

    const official = new StatusChat(
      world,
      memberWith("m-1", [{ role: "official", unitId: "thuc-phan", orgIds: [] }]),
    );
    const [text] = await official.command("status");
    // Listed inside a sentence, as the unit is called from that week.
    expect(text?.text).toContain("Chưa báo cáo: tổ dân phố Đà Quận");
    expect(text?.text).not.toMatch(/xóm Đà Quận/i);
  });
});
