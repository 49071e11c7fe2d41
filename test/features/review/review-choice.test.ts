import { describe, expect, it } from "vitest";
import {
  type ReviewAction,
  readReviewData,
  refersTo,
  reviewData,
} from "../../../src/features/review/review-choice.js";

describe("review button data", () => {
  it("reads back every action it writes", () => {
    const actions: ReviewAction[] = [
      { kind: "list", week: "2026-W48" },
      { kind: "list", week: "2026-W48", area: "hung-dao" },
      { kind: "open", week: "2026-W48", hamlet: "hung-dao.nam-phong-2" },
      { kind: "accept", week: "2026-W48", hamlet: "hung-dao.nam-phong-2", version: 3 },
      { kind: "return", week: "2026-W48", hamlet: "hung-dao.nam-phong-2", version: 0 },
      {
        kind: "criterion",
        week: "2026-W48",
        hamlet: "hung-dao.nam-phong-2",
        version: 1,
        index: 2,
        confirm: false,
      },
      { kind: "reopen", week: "2026-W47", hamlet: "hung-dao.dong-chup" },
    ];
    for (const action of actions) expect(readReviewData(reviewData(action))).toEqual(action);
  });

  it("fits Telegram's 64 bytes even for a very long unit id, which it still recognises", () => {
    const long = "mot-xa-co-ten-rat-dai-trong-tinh.mot-xom-cung-co-ten-rat-dai-nua";
    const data = reviewData({
      kind: "criterion",
      week: "2026-W48",
      hamlet: long,
      version: 12,
      index: 3,
      confirm: true,
    });
    expect(Buffer.byteLength(data)).toBeLessThanOrEqual(64);
    const read = readReviewData(data);
    expect(read?.kind === "criterion" && refersTo(read.hamlet, long)).toBe(true);
    expect(read?.kind === "criterion" && refersTo(read.hamlet, "hung-dao.nam-phong-2")).toBe(false);
  });

  it("rejects data that is not a well-formed review action", () => {
    for (const data of [
      "rv:a:2026-W48:hung-dao.nam-phong-2",
      "rv:a:2026-W99:hung-dao.nam-phong-2:1",
      "rv:z:2026-W48:x",
      "rv:c:2026-W48:x:1:2:maybe",
      "d:abc:1",
    ]) {
      expect(readReviewData(data), data).toBeUndefined();
    }
  });
});
