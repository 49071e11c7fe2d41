import { describe, expect, it } from "vitest";
import type { Step } from "../../src/dialog/flow.js";
import type { Feature } from "../../src/features/feature.js";
import type { Flow } from "../../src/features/member-dialogs.js";
import { Chat, engineFor, memberWith, openWorld } from "./harness.js";

const say = (text: string) => ({ key: "test:literal", params: { defaultValue: text } });

/** A small flow exercising every input kind. */
function surveyFlow(longValues = false): Flow<null> {
  const steps = (): Step[] => [
    {
      id: "colour",
      prompt: [say("Which colour?")],
      input: {
        kind: "choice",
        options: ["red", "green", "blue"].map((c) => ({
          value: longValues ? `${c}-${"x".repeat(70)}` : c,
          label: say(c),
        })),
      },
      next: () => "fruits",
    },
    {
      id: "fruits",
      prompt: [say("Which fruits?")],
      input: {
        kind: "multi-choice",
        options: ["apple", "banana", "cherry"].map((f) => ({ value: f, label: say(f) })),
        none: { value: "none", label: say("No fruit") },
        min: 1,
      },
      next: () => "length",
    },
    {
      id: "length",
      prompt: [say("How long?")],
      input: { kind: "number", unit: "m", min: 0, max: 100, label: "length" },
      next: () => "note",
    },
    {
      id: "note",
      prompt: [say("A note?")],
      input: { kind: "text", maxLength: 10 },
      next: () => "ok",
    },
    {
      id: "ok",
      prompt: [say("Send?")],
      input: { kind: "confirm" },
      next: (answers) => (answers.ok ? { end: "finish" } : { end: "cancel" }),
    },
  ];
  return {
    id: "survey",
    restart: say("Type /survey to start again."),
    load: async () => null,
    steps,
    route: () => "colour",
    finish: async (env) => ({
      kind: "done",
      message: { text: `FILED ${JSON.stringify(env.answers)}` },
    }),
  };
}

async function setUp(options: { buttons?: boolean; longValues?: boolean } = {}) {
  const world = await openWorld("2026-11-25T03:00:00.000Z");
  const flow = surveyFlow(options.longValues);
  const engine = engineFor(world, [flow]);
  const feature: Feature = {
    name: "survey",
    commands: { survey: (ctx) => engine.start(ctx, "survey", {}) },
  };
  const member = memberWith("m1", [{ role: "member", unitId: "hung-dao", orgIds: [] }]);
  const chat = new Chat(world, engine, [feature], member, options.buttons ?? true);
  return { world, flow, engine, feature, chat };
}

describe("the dialog engine", () => {
  it("runs a flow with buttons: ticks multi-choice picks, reads numbers, ends with the flow's message", async () => {
    const { chat, world } = await setUp();
    await chat.command("survey");
    expect(chat.reply.lastText()).toContain("Which colour?");
    await chat.press("green");
    expect(chat.reply.lastText()).toContain("Which fruits?");

    await chat.press("apple");
    await chat.press("cherry");
    const keyboard = chat.reply.currentKeyboard();
    expect(
      keyboard?.message.choices?.flat().map((c) => (c.selected ? `✓ ${c.label}` : c.label)),
    ).toEqual(["✓ apple", "banana", "✓ cherry", "No fruit", "Xong ✓"]);
    // Toggling edits the question in place rather than sending it again.
    expect(chat.reply.seen.filter((s) => s.kind === "edit")).toHaveLength(2);
    await chat.press("apple");
    await chat.press("Xong");
    expect(chat.reply.lastText()).toContain("How long?");

    await chat.say("1,2 km");
    expect(chat.reply.lastText()).toContain("Tôi đọc được 1.200 m");
    await chat.say("35 m");
    await chat.say("ok");
    await chat.press("Có");
    expect(chat.reply.lastText()).toBe(
      `FILED ${JSON.stringify({
        colour: "green",
        fruits: ["cherry"],
        length: { value: 35, approximate: false },
        note: "ok",
        ok: true,
      })}`,
    );
    expect(await world.store.dialogs.get("m1")).toBeUndefined();
  });

  it("re-asks with a reason: Done with nothing picked, a text too long, a photo where text is due", async () => {
    const { chat } = await setUp();
    await chat.command("survey");
    await chat.press("red");
    await chat.press("Xong");
    expect(chat.reply.lastText()).toContain("chọn ít nhất 1 mục");
    expect(chat.reply.lastText()).toContain("No fruit");
    await chat.press("No fruit");
    await chat.say("5");
    await chat.say("much too long, really");
    expect(chat.reply.lastText()).toContain("quá mức 10 ký tự");
    expect(chat.reply.lastText()).toContain("A note?");
    await chat.photo([{ ref: "file-1" }]);
    expect(chat.reply.lastText()).toContain("chưa cần ảnh");
    await chat.say("short");
    expect(chat.reply.lastText()).toContain("Send?");
  });

  it("answers a button of an earlier question with 'closed' and asks the current step again", async () => {
    const { chat } = await setUp();
    await chat.command("survey");
    const colourButtons = chat.buttons();
    await chat.press("blue");
    const before = chat.reply.seen.length;

    await chat.pressData(colourButtons[0]?.data ?? "");
    const after = chat.reply.seen.slice(before);
    expect(after[0]).toEqual({ kind: "ack", notice: "Câu hỏi này đã qua rồi" });
    expect(chat.reply.lastText()).toContain("Câu hỏi đó đã qua rồi");
    expect(chat.reply.lastText()).toContain("Which fruits?");
    // The question asked again works; the one before it does not.
    await chat.press("banana");
    await chat.press("Xong");
    expect(chat.reply.lastText()).toContain("How long?");
  });

  it("refuses a forged press naming an option the current step does not offer", async () => {
    const { chat, engine } = await setUp();
    await chat.command("survey");
    const token = (await engine.active("m1"))?.token;
    await chat.pressData(`d:${token}:purple`);
    expect(chat.reply.lastText()).toContain("Lựa chọn đó không có trong câu hỏi này");
    expect(chat.reply.lastText()).toContain("Which colour?");
    expect((await engine.active("m1"))?.answers).toEqual({});
  });

  it("takes numbered answers on a chat without buttons, the list shown the channel's one way", async () => {
    const { chat } = await setUp({ buttons: false });
    await chat.command("survey");
    expect(chat.reply.lastText()).toBe(
      "Which colour?\n\nTrả lời bằng một số, ví dụ: 1.\n1. red\n2. green\n3. blue",
    );
    await chat.say("4");
    expect(chat.reply.lastText()).toContain("Anh/chị chọn một mục trong danh sách dưới đây.");
    expect(chat.reply.lastText()).toContain("1. red\n2. green\n3. blue");
    await chat.say("3");

    expect(chat.reply.lastText()).toBe(
      "Which fruits?\n\nTrả lời bằng các số, ví dụ: 1 3.\n1. apple\n2. banana\n3. cherry\n0. No fruit",
    );
    await chat.say("1,3");
    await chat.say("0");
    await chat.say("ok");
    expect(chat.reply.lastText()).toContain("1. Có\n2. Không");
    await chat.say("1");
    expect(chat.reply.lastText()).toContain('"colour":"blue","fruits":["apple","cherry"]');
  });

  it("reads '0' as the exclusive 'none' answer on a chat without buttons", async () => {
    const { chat, engine } = await setUp({ buttons: false });
    await chat.command("survey");
    await chat.say("1");
    await chat.say("0");
    expect((await engine.active("m1"))?.answers.fruits).toEqual([]);
    expect(chat.reply.lastText()).toContain("How long?");
  });

  it("continues at the same step after a restart (a new engine on the same store)", async () => {
    const { chat, world, flow } = await setUp();
    await chat.command("survey");
    await chat.press("red");
    await chat.press("banana");

    chat.engine = engineFor(world, [flow]);
    await chat.press("Xong");
    expect(chat.reply.lastText()).toContain("How long?");
    expect((await chat.engine.active("m1"))?.answers).toMatchObject({
      colour: "red",
      fruits: ["banana"],
    });
  });

  it("never lets two answers to one question both land: the later one is read against the next (two instances)", async () => {
    const { chat, world, flow, feature } = await setUp();
    await chat.command("survey");
    // A second instance of the bot, on the same store, gets the member's other message.
    const elsewhere = new Chat(world, engineFor(world, [flow]), [feature], chat.member);
    await Promise.all([chat.say("red"), elsewhere.say("green")]);

    const draft = await chat.engine.active("m1");
    expect(["red", "green"]).toContain(draft?.answers.colour);
    expect(draft?.step).toBe("fruits");
    // The answer that lost the race met the fruits question, where a colour is no answer.
    const lastSeen = [chat.reply.lastText(), elsewhere.reply.lastText()];
    expect(
      lastSeen.filter((text) => text.includes("Anh/chị chọn các mục trong danh sách")),
    ).toHaveLength(1);
  });

  it("resumes a live draft when the flow is started again; /cancel drops it and the next start is fresh", async () => {
    const { chat, engine } = await setUp();
    await chat.command("survey");
    await chat.press("red");
    await chat.command("survey");
    expect(chat.reply.lastText()).toContain("mình làm tiếp nhé");
    expect(chat.reply.lastText()).toContain("Which fruits?");

    await chat.command("cancel");
    expect(chat.reply.lastText()).toContain("Đã hủy phần đang làm dở");
    expect(chat.reply.lastText()).toContain("Type /survey to start again.");
    expect(await engine.active("m1")).toBeUndefined();
    expect(await chat.say("hello")).toBe(false);

    await chat.command("survey");
    expect(chat.reply.lastText()).toContain("Which colour?");
    expect(chat.reply.lastText()).not.toContain("làm tiếp");
  });

  it("drops a draft untouched for more than 7 days, telling how to start again", async () => {
    const { chat, world, engine } = await setUp();
    await chat.command("survey");
    await chat.press("red");
    world.clock.set("2026-12-02T02:59:00.000Z");
    expect(await engine.active("m1")).toBeDefined();
    world.clock.set("2026-12-02T03:01:00.000Z");
    expect(await engine.active("m1")).toBeUndefined();

    expect(await chat.say("2")).toBe(true);
    expect(chat.reply.lastText()).toContain("quá 7 ngày");
    expect(chat.reply.lastText()).toContain("Type /survey to start again.");
    expect(await world.store.dialogs.get("m1")).toBeUndefined();
  });

  it("carries a long option value whole in its choice (fitting it is the channel's part)", async () => {
    const { chat, engine } = await setUp({ longValues: true });
    await chat.command("survey");
    await chat.press("green");
    expect((await engine.active("m1"))?.answers.colour).toBe(`green-${"x".repeat(70)}`);
  });

  it("reads typed picks on a chat with buttons too: '1 3', a label without diacritics", async () => {
    const { chat, engine } = await setUp();
    await chat.command("survey");
    await chat.say("GREEN");
    await chat.say("3 1");
    expect((await engine.active("m1"))?.answers).toMatchObject({
      colour: "green",
      fruits: ["apple", "cherry"],
    });
    await chat.say("1");
    await chat.say("x");
    await chat.say("khong");
    expect(chat.reply.lastText()).toContain("Đã hủy");
  });

  it("leaves messages alone when the member has no dialog", async () => {
    const { chat } = await setUp();
    expect(await chat.say("hello")).toBe(false);
    expect(await chat.photo([{ ref: "x" }])).toBe(false);
    expect(chat.reply.seen).toEqual([]);
  });
});
