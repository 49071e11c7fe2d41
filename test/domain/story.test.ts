import { describe, expect, it } from "vitest";
import type { HamletReport } from "../../src/domain/report.js";
import {
  approveStory,
  draftTitle,
  editStory,
  followPublication,
  newestFirst,
  nominationFrom,
  publicationRefusal,
  publishStory,
  renominated,
  returnStory,
  type Story,
  setStoryAside,
  submitStory,
} from "../../src/domain/story.js";

const NOW = new Date("2026-11-25T03:00:00.000Z");
const LATER = new Date("2026-11-26T03:00:00.000Z");

function report(goodDeed?: HamletReport["goodDeed"]): HamletReport {
  return {
    id: "hung-dao.nam-phong-2@2026-W48",
    hamletId: "hung-dao.nam-phong-2",
    week: "2026-W48",
    receipt: "2026-48-0001",
    authorId: "head-1",
    groups: [],
    values: {},
    criteriaClaimed: ["hamlet-ntm/giao-thong"],
    ...(goodDeed ? { goodDeed } : {}),
    photos: [],
    submittedAt: NOW.toISOString(),
    late: false,
    review: "submitted",
    version: 0,
  };
}

const DEED = "Chị Nông Thị Hoa vận động 12 hộ hiến 350 m² đất làm đường. Cả xóm cùng góp công.";

function nominated(consent = true): Story {
  const story = nominationFrom(report({ text: DEED, consent }), "7", NOW);
  if (!story) throw new Error("expected a nomination");
  return story;
}

describe("a good deed nominated in a weekly report", () => {
  it("becomes a nominated story of the hamlet, by the head, tagged with the criteria claimed", () => {
    const story = nominated();
    expect(story).toMatchObject({
      id: "7",
      title: "Chị Nông Thị Hoa vận động 12 hộ hiến 350 m² đất làm đường",
      text: DEED,
      unitId: "hung-dao.nam-phong-2",
      authorId: "head-1",
      reportId: "hung-dao.nam-phong-2@2026-W48",
      criterionIds: ["hamlet-ntm/giao-thong"],
      status: "nominated",
      consent: "agreed",
    });
    expect(story.orgId).toBeUndefined();
  });

  it("is not made when the report has no good deed", () => {
    expect(nominationFrom(report(), "7", NOW)).toBeUndefined();
  });

  it("records a head's 'not asked or not agreed' as not agreed", () => {
    expect(nominated(false).consent).toBe("not-agreed");
  });

  it("drafts a title cut at a word, marked as cut, when the first sentence is long", () => {
    const title = draftTitle(
      "Ông Hoàng Văn Thắng cùng con cháu trong dòng họ đã tự nguyện phá dỡ tường rào để mở rộng đường vào xóm",
    );
    expect(title).toBe("Ông Hoàng Văn Thắng cùng con cháu trong dòng họ đã tự…");
    expect([...title].length).toBeLessThanOrEqual(61);
  });

  it("follows the report filed again while nobody touched it, and not after an edit", () => {
    const first = nominated();
    const fresh = nominationFrom(
      report({ text: "Bác Lý Văn Sáu sửa cầu tre.", consent: false }),
      "x",
      LATER,
    );
    expect(fresh).toBeDefined();
    if (!fresh) return;
    expect(renominated(first, fresh)).toMatchObject({
      id: "7",
      text: "Bác Lý Văn Sáu sửa cầu tre.",
      consent: "not-agreed",
      createdAt: first.createdAt,
    });
    const edited = editStory(first, { title: "Hiến đất làm đường" }, "b-1", LATER);
    expect(edited.ok && renominated(edited.story, fresh)).toBeUndefined();
  });
});

describe("publishing a story", () => {
  it("refuses a story naming a person who has not agreed", () => {
    const story = nominated(false);
    expect(publicationRefusal(story)).toBe("no-consent");
    expect(submitStory(story, "b-9", "br-1", LATER)).toEqual({ ok: false, refusal: "no-consent" });
  });

  it("accepts it once a broadcaster records the agreement, or that it names nobody", () => {
    for (const consent of ["agreed", "nobody-named"] as const) {
      const edited = editStory(nominated(false), { consent }, "br-1", LATER);
      expect(edited.ok).toBe(true);
      if (!edited.ok) return;
      expect(edited.story.consentRecordedBy).toBe("br-1");
      expect(publicationRefusal(edited.story)).toBeUndefined();
    }
  });

  it("refuses an empty title or text", () => {
    const noTitle = editStory(nominated(), { title: "  " }, "br-1", LATER);
    expect(noTitle.ok && publicationRefusal(noTitle.story)).toBe("empty-title");
  });

  it("goes nominated → (submitted) → approved → published, recording the broadcast", () => {
    const submitted = submitStory(nominated(), "b-9", "br-1", LATER);
    if (!submitted.ok) throw new Error(submitted.refusal);
    expect(submitted.story.status).toBe("nominated");
    expect(submitted.story.submission).toEqual({
      broadcastId: "b-9",
      by: "br-1",
      at: LATER.toISOString(),
    });
    expect(editStory(submitted.story, { title: "x" }, "br-2", LATER)).toEqual({
      ok: false,
      refusal: "already-submitted",
    });
    expect(submitStory(submitted.story, "b-10", "br-2", LATER)).toEqual({
      ok: false,
      refusal: "already-submitted",
    });
    expect(approveStory(submitted.story, "b-other", LATER)).toEqual({
      ok: false,
      refusal: "other-broadcast",
    });
    const approved = approveStory(submitted.story, "b-9", LATER);
    if (!approved.ok) throw new Error(approved.refusal);
    expect(approved.story.status).toBe("approved");
    const published = publishStory(approved.story, "b-9", LATER);
    if (!published.ok) throw new Error(published.refusal);
    expect(published.story).toMatchObject({
      status: "published",
      broadcastId: "b-9",
      publishedAt: LATER.toISOString(),
    });
    expect(publishStory(published.story, "b-9", LATER)).toEqual(published);
  });

  it("cannot publish a story never handed to a broadcast", () => {
    expect(publishStory(nominated(), "b-9", LATER)).toEqual({
      ok: false,
      refusal: "not-submitted",
    });
  });

  it("returns to the nominations when its broadcast is rejected", () => {
    const submitted = submitStory(nominated(), "b-9", "br-1", LATER);
    if (!submitted.ok) throw new Error(submitted.refusal);
    const returned = returnStory(submitted.story, "b-9", LATER);
    if (!returned.ok) throw new Error(returned.refusal);
    expect(returned.story.status).toBe("nominated");
    expect(returned.story.submission).toBeUndefined();
    expect(publicationRefusal(returned.story)).toBeUndefined();
  });

  it("can be set aside while pending, not once submitted", () => {
    const aside = setStoryAside(nominated(), "br-1", LATER);
    expect(aside.ok && aside.story.status).toBe("set-aside");
    const submitted = submitStory(nominated(), "b-9", "br-1", LATER);
    if (!submitted.ok) throw new Error(submitted.refusal);
    expect(setStoryAside(submitted.story, "br-1", LATER).ok).toBe(false);
  });
});

describe("a story following its broadcast", () => {
  const handed = () => {
    const submitted = submitStory(nominated(), "b-9", "br-1", LATER);
    if (!submitted.ok) throw new Error(submitted.refusal);
    return submitted.story;
  };

  it("stays as it is while the broadcast waits for approval", () => {
    const story = handed();
    expect(followPublication(story, "b-9", "awaiting-approval", LATER)).toBe(story);
  });

  it("is approved, then published, as the broadcast is approved, then sent", () => {
    const approved = followPublication(handed(), "b-9", "approved", LATER);
    expect(approved.status).toBe("approved");
    const published = followPublication(approved, "b-9", "sent", LATER);
    expect(published).toMatchObject({ status: "published", broadcastId: "b-9" });
  });

  it("is published straight from nominated when approval is off and it went out at once", () => {
    expect(followPublication(handed(), "b-9", "sent", LATER).status).toBe("published");
  });

  it("returns to the nominations when the broadcast is rejected, and leaves after a recall", () => {
    expect(followPublication(handed(), "b-9", "returned", LATER)).toMatchObject({
      status: "nominated",
    });
    const published = followPublication(handed(), "b-9", "sent", LATER);
    expect(followPublication(published, "b-9", "recalled", LATER).status).toBe("set-aside");
  });

  it("ignores another broadcast's news", () => {
    const story = handed();
    expect(followPublication(story, "b-other", "sent", LATER)).toBe(story);
  });
});

describe("the order of the library", () => {
  it("puts the latest published first", () => {
    const a = { ...nominated(), id: "a", publishedAt: "2026-11-20T00:00:00.000Z" };
    const b = { ...nominated(), id: "b", publishedAt: "2026-11-22T00:00:00.000Z" };
    expect([a, b].sort(newestFirst).map((s) => s.id)).toEqual(["b", "a"]);
  });
});
