import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadReferenceData } from "../../../src/reference/loader.js";
import { ROOT } from "../../support/processes.js";
import { NAM_PHONG_2, reportWorld } from "./report-harness.js";

describe("report fields are data", () => {
  it("asks a field added to a copy of the report-fields data, with no code change", async () => {
    const shipped = await readFile(join(ROOT, "data", "report-fields.json"), "utf8");
    const { world, newChat } = await reportWorld();
    const fields = structuredClone(loadReferenceData().reportFields);
    const roads = fields.groups.find((g) => g.id === "roads");
    roads?.fields.push({
      id: "streetLightsInstalled",
      label: "Đèn đường lắp mới",
      unit: "bóng",
      min: 0,
      max: 200,
    });
    await world.store.reportFields.save({ groups: fields.groups });

    const chat = newChat();
    await chat.command("report");
    await chat.press("Đường giao thông");
    await chat.press("Xong");
    await chat.say("100");
    await chat.say("0");
    expect(chat.reply.lastText()).toBe(
      "Đèn đường lắp mới được bao nhiêu (bóng)?\nVí dụ: 3. Không có thì gõ 0.",
    );
    await chat.say("500");
    expect(chat.reply.lastText()).toContain("mức tối đa");
    await chat.say("12");
    await chat.press("Xem lại và gửi");
    expect(chat.reply.lastText()).toContain("• Đèn đường lắp mới: 12 bóng");
    await chat.press("Sửa một mục");
    expect(chat.buttons().map((b) => b.label)).toContain("Đèn đường lắp mới");
    await chat.press("← Quay lại");
    await chat.press("Gửi báo cáo");
    expect((await world.store.reports.get(NAM_PHONG_2, "2026-W48"))?.values).toEqual({
      roadConcretedM: 100,
      roadRepairedM: 0,
      streetLightsInstalled: 12,
    });
    // Only the copy changed.
    expect(await readFile(join(ROOT, "data", "report-fields.json"), "utf8")).toBe(shipped);
  });
});
