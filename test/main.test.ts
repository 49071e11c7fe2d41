import { describe, expect, it } from "vitest";
import { compiled, startNode, tempDir } from "./support/processes.js";

describe("npm start", () => {
  it("without a token exits non-zero saying which variables to set and how to try the demo", async () => {
    const started = startNode(compiled("src/main.js"), [], {
      DATA_DIR: await tempDir(),
      TELEGRAM_BOT_TOKEN: "",
      ZALO_BOT_TOKEN: "",
    });
    expect(await started.exited).not.toBe(0);
    const said = started.stderr.join("\n");
    expect(said).toContain("TELEGRAM_BOT_TOKEN");
    expect(said).toContain("ZALO_BOT_TOKEN");
    expect(said).toContain("npm run demo");
  });

  it("with a bad setting exits non-zero naming the variable", async () => {
    const started = startNode(compiled("src/main.js"), [], {
      DATA_DIR: await tempDir(),
      TELEGRAM_BOT_TOKEN: "123:abc",
      PORT: "eighty",
    });
    expect(await started.exited).not.toBe(0);
    expect(started.stderr.join("\n")).toContain("PORT");
  });
});
