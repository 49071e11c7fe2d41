import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ZaloChatMessage, ZaloEmulatorUser } from "../../src/testing/zalo/index.js";
import { ROOT } from "../support/processes.js";
import { startZaloBench, type ZaloBench } from "./support/zalo-bench.js";

/** Runs per property: modest in `npm test`; FUZZ_RUNS=500 for a long session. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 25);

const common = JSON.parse(readFileSync(join(ROOT, "locales/vi/common.json"), "utf8"));
const dialog = JSON.parse(readFileSync(join(ROOT, "locales/vi/dialog.json"), "utf8"));
const APOLOGY: string = common.error.apology;
const UNSUPPORTED_LEAD: string = dialog.unsupported;

let bench: ZaloBench;
let head: ZaloEmulatorUser;
let inputs = 0;
beforeAll(async () => {
  bench = await startZaloBench();
  await bench.invite({
    code: "K7PM3Q",
    roles: ["hamlet_head"],
    unitId: "hung-dao.nam-phong-2",
    name: "Hoàng Văn Thắng",
  });
  head = bench.emulator.user({ displayName: "Thắng" });
  await answersTo(() => head.send("K7PM3Q"));
});
afterAll(async () => {
  console.info(`fuzzed ${inputs} inputs on Zalo (${RUNS} runs a property)`);
  await bench?.stop();
});

/** What the bot sent while handling one message of the head's. */
async function answersTo(send: () => Promise<string>): Promise<ZaloChatMessage[]> {
  inputs++;
  const seen = head.chat().length;
  await head.whenHandled(await send(), 15_000);
  return head
    .chat()
    .slice(seen)
    .filter((m) => m.from === "bot");
}

type Input = { kind: "text"; text: string } | { kind: "sticker" } | { kind: "image" };

const input: fc.Arbitrary<Input> = fc.oneof(
  fc
    .oneof(
      fc.string({ unit: "grapheme", maxLength: 40 }),
      fc.stringMatching(/^[0-9 ,.]{1,8}$/),
      fc.constantFrom(
        "",
        "\u200b",
        "مرحبا \u202eđảo\u202c",
        "a\u0301\u0302",
        "<b>x</b> *_` {{name}}",
        "x".repeat(10_000),
        "báo cáo",
        "/report",
        "/status",
        "/cancel",
        "0",
        "99",
        "1 1 1",
      ),
    )
    .map((text) => ({ kind: "text" as const, text })),
  fc.constant({ kind: "sticker" as const }),
  fc.constant({ kind: "image" as const }),
);

function send(i: Input): () => Promise<string> {
  if (i.kind === "sticker") return () => head.sendSticker();
  if (i.kind === "image") return () => head.sendImage();
  return () => head.send(i.text);
}

describe("fuzzing a hamlet head's chat on Zalo", () => {
  it("answers any sequence of odd inputs, at any step, in Vietnamese, without an error", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(input, { minLength: 1, maxLength: 6 }), async (inputs) => {
        for (const i of inputs) {
          for (const m of await answersTo(send(i))) {
            const text = m.text ?? m.caption ?? "";
            expect(text.trim().length).toBeGreaterThan(0);
            expect(text).not.toContain(APOLOGY);
            expect(text).not.toMatch(/\b(common|dialog|report|status|zalo):[a-zA-Z]/);
            expect(text).not.toMatch(/\{\{\s*\w+\s*\}\}/);
          }
        }
      }),
      { numRuns: RUNS },
    );
    await bench.restart();
    await answersTo(() => head.send("/cancel"));
    const [opened] = await answersTo(() => head.send("báo cáo"));
    expect(opened?.text).toContain("của xóm Nam Phong 2");
  }, 600_000);

  it("asks the pending question again after a sticker", async () => {
    await answersTo(() => head.send("/cancel"));
    const [question] = await answersTo(() => head.send("báo cáo"));
    const lastLine = (question?.text ?? "").split("\n").at(-1) ?? "";
    for (let i = 0; i < 3; i++) {
      const answers = await answersTo(() => head.sendSticker());
      const text = answers.at(-1)?.text ?? "";
      expect(text).toContain(UNSUPPORTED_LEAD);
      expect(text).toContain(lastLine);
    }
  });
});
