import { describe, expect, it } from "vitest";
import { createDialogEngine } from "../../../src/dialog/engine.js";
import { photosOf } from "../../../src/dialog/photo-answers.js";
import { dialogDeps } from "../../../src/features/member-dialogs.js";
import { reportFeature } from "../../../src/features/reporting/report-feature.js";
import { reportFlow } from "../../../src/features/reporting/report-flow.js";
import type { DialogRepository } from "../../../src/store/dialog-repository.js";
import { Chat, type World } from "../../dialog/harness.js";
import { head, NAM_PHONG_2, reportWorld } from "./report-harness.js";

const REPORT_FOLDER = `reports/${NAM_PHONG_2}@2026-W48`;

/** The report's photos the store keeps, by the keys drafts and reports refer to. */
function keptFiles(world: World): Promise<string[]> {
  return world.store.files.list(`${REPORT_FOLDER}/`);
}

/**
 * The same head's chat as seen by a second instance of the bot, on the same store: its
 * draft saves wait at a gate, so that the first instance saves first and this one loses.
 */
function secondInstance(world: World) {
  let reachGate = () => {};
  const reached = new Promise<void>((resolve) => {
    reachGate = resolve;
  });
  let openGate = () => {};
  const gate = new Promise<void>((resolve) => {
    openGate = resolve;
  });
  const store = world.store.dialogs;
  const drafts: DialogRepository = {
    get: (memberId) => store.get(memberId),
    save: (dialog) => store.save(dialog),
    delete: (memberId) => store.delete(memberId),
    saveNext: async (dialog) => {
      reachGate();
      await gate;
      return store.saveNext(dialog);
    },
  };
  const engine = createDialogEngine([reportFlow], { ...dialogDeps(world.deps), drafts });
  const chat = new Chat(world, engine, [reportFeature(engine)], head());
  return { chat, reached, openGate };
}

describe("two updates racing for a report's photo step", () => {
  it("keeps each photo once when the update that loses decides again", async () => {
    const { world, newChat } = await reportWorld();
    const chat = newChat();
    await chat.command("report");
    await chat.press("Không có gì mới");
    await chat.press("Gửi ảnh");
    const other = secondInstance(world);

    const late = other.chat.photo([{ ref: "bridge", size: 900 }]);
    await other.reached;
    await chat.photo([{ ref: "road", size: 700 }]);
    other.openGate();
    await late;

    expect(other.chat.reply.lastText()).toBe("Đã nhận 2/5 ảnh.\nAnh/chị gửi tiếp, hoặc chọn Xong.");
    const draft = await world.store.dialogs.get("head-1");
    const photos = photosOf(draft?.answers.photos);
    expect(photos.map((p) => p.bytes)).toEqual([700, 900]);
    expect(await keptFiles(world)).toEqual(photos.map((p) => p.file).sort());
    expect(world.photos.fetched).toEqual(["bridge", "road"]);
  });

  it("leaves no copy of a photo whose step was closed by the update that won", async () => {
    const { world, newChat } = await reportWorld();
    const chat = newChat();
    await chat.command("report");
    await chat.press("Không có gì mới");
    await chat.press("Gửi ảnh");
    const other = secondInstance(world);

    const late = other.chat.photo([{ ref: "bridge", size: 900 }]);
    await other.reached;
    await chat.press("Xong");
    other.openGate();
    await late;

    expect(other.chat.reply.lastText()).toContain("Câu hỏi này chưa cần ảnh.");
    const draft = await world.store.dialogs.get("head-1");
    expect(draft?.step).toBe("menu");
    expect(draft?.answers.photos).toEqual([]);
    expect(await keptFiles(world)).toEqual([]);
  });
});
