import { describe, expect, it } from "vitest";
import { createLogger } from "../src/logger.js";

describe("the service's logs", () => {
  it("never carry a token, a phone number or what a person wrote", () => {
    const lines: string[] = [];
    const logger = createLogger("info", { write: (line: string) => lines.push(line) });
    logger.error(
      {
        member: { id: "m000001", phone: "0912345678" },
        token: "123456:secret-token",
        err: { payload: { chat_id: 1, text: "Nhà tôi ở xóm Đà Quận" } },
      },
      "send failed",
    );
    const written = lines.join("");
    expect(written).toContain("send failed");
    expect(written).toContain("m000001");
    expect(written).not.toContain("0912345678");
    expect(written).not.toContain("secret-token");
    expect(written).not.toContain("Đà Quận");
  });
});
