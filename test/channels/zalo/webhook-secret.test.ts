import { describe, expect, it } from "vitest";
import { hasZaloSecret } from "../../../src/channels/zalo/webhook-secret.js";

describe("checking the webhook secret", () => {
  const secret = "a-long-enough-secret";

  it("accepts the exact secret in Zalo's header (as Node lower-cases it)", () => {
    expect(hasZaloSecret({ "x-bot-api-secret-token": secret }, secret)).toBe(true);
  });

  it("rejects a missing, different, longer or repeated header", () => {
    expect(hasZaloSecret({}, secret)).toBe(false);
    expect(hasZaloSecret({ "x-bot-api-secret-token": "a-long-enough-secreT" }, secret)).toBe(false);
    expect(hasZaloSecret({ "x-bot-api-secret-token": `${secret}x` }, secret)).toBe(false);
    expect(hasZaloSecret({ "x-bot-api-secret-token": [secret, secret] }, secret)).toBe(false);
  });
});
