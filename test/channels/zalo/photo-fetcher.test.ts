import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  ZaloPhotoTooLargeError,
  zaloPhotoFetcher,
} from "../../../src/channels/zalo/photo-fetcher.js";
import { startZaloEmulator, type ZaloEmulator } from "../../../src/testing/zalo/index.js";

let emulator: ZaloEmulator;
beforeEach(async () => {
  emulator = await startZaloEmulator();
});
afterEach(() => emulator.close());

describe("downloading a photo sent on Zalo", () => {
  it("fetches the bytes at the photo's URL", async () => {
    const bytes = await zaloPhotoFetcher().fetch({ ref: emulator.imageUrl("duong") }, 1_000_000);
    expect(Buffer.from(bytes.subarray(1, 4)).toString("latin1")).toBe("PNG");
  });

  it("refuses a photo over the size cap, and a ref that is not an http(s) URL", async () => {
    await expect(
      zaloPhotoFetcher().fetch({ ref: emulator.imageUrl("duong") }, 10),
    ).rejects.toBeInstanceOf(ZaloPhotoTooLargeError);
    await expect(zaloPhotoFetcher().fetch({ ref: "file:///etc/passwd" }, 10)).rejects.toThrow(
      "http(s)",
    );
  });

  it("fails on an HTTP error", async () => {
    await expect(
      zaloPhotoFetcher().fetch({ ref: `${emulator.apiRoot}/nothing-here` }, 1000),
    ).rejects.toThrow("404");
  });
});
