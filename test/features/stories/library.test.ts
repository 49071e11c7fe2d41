import { describe, expect, it } from "vitest";
import type { Story } from "../../../src/domain/story.js";
import {
  FakePublisher,
  head,
  NAM_PHONG_2,
  person,
  reportGoodDeed,
  storiesWorld,
  womenBroadcaster,
} from "./stories-harness.js";

const published = (n: number, changes: Partial<Story> = {}): Story => {
  const at = new Date(Date.parse("2026-11-01T03:00:00.000Z") + n * 86_400_000).toISOString();
  return {
    id: `p${n}`,
    title: `Gương số ${n}`,
    text: `Nội dung gương số ${n}.`,
    unitId: NAM_PHONG_2,
    orgId: "hoi-phu-nu",
    criterionIds: [],
    authorId: "head",
    status: "published",
    consent: "agreed",
    broadcastId: `b${n}`,
    createdAt: at,
    updatedAt: at,
    publishedAt: at,
    ...changes,
  };
};

describe("a member's /stories", () => {
  it("shows a story once its broadcast went out, title in bold, to members of the area only", async () => {
    const publisher = new FakePublisher();
    const w = await storiesWorld({ publisher });
    const [headChat, broadcaster, lan, outsider] = await w.join(
      head(),
      womenBroadcaster(),
      person("lan", "hung-dao.da-quan", []),
      person("vq", "vinh-quang", ["hoi-phu-nu"]),
    );
    if (!headChat || !broadcaster || !lan || !outsider) throw new Error("no chat");
    await reportGoodDeed(headChat, "Chị Nông Thị Hoa vận động 12 hộ hiến 350 m² đất làm đường.");
    await broadcaster.command("/stories pending");
    await broadcaster.press("1.");
    await broadcaster.press("Gửi đăng");
    await broadcaster.press("Gửi để duyệt");

    await lan.command("/stories");
    expect(lan.last()).toBe(
      "Chưa có gương người tốt, việc tốt nào được đăng ở phường Thục Phán. Anh/chị quay lại sau nhé.",
    );

    publisher.progressOf.set("b1", "approved");
    await lan.command("/stories");
    expect(lan.last()).toContain("Chưa có gương");
    expect((await w.world.store.stories.listByStatus("approved")).length).toBe(1);

    w.world.clock.set("2026-11-26T03:00:00.000Z");
    publisher.progressOf.set("b1", "sent");
    await lan.command("/stories");
    const [intro, card] = lan.sent().slice(-2);
    expect(intro?.text).toBe("Gương người tốt, việc tốt mới ở phường Thục Phán:");
    expect(card?.text).toBe(
      [
        "Chị Nông Thị Hoa vận động 12 hộ hiến 350 m² đất làm đường",
        "Chị Nông Thị Hoa vận động 12 hộ hiến 350 m² đất làm đường.",
        "Hội Liên hiệp Phụ nữ · xóm Nam Phong 2, phường Thục Phán · 26/11/2026",
      ].join("\n\n"),
    );
    expect(card?.bold).toEqual(["Chị Nông Thị Hoa vận động 12 hộ hiến 350 m² đất làm đường"]);
    const [story] = await w.world.store.stories.listByStatus("published");
    expect(story).toMatchObject({ broadcastId: "b1", publishedAt: "2026-11-26T03:00:00.000Z" });

    await outsider.command("/stories");
    expect(outsider.last()).toBe(
      "Chưa có gương người tốt, việc tốt nào được đăng ở xã Vĩnh Quang. Anh/chị quay lại sau nhé.",
    );
  });

  it("shows the latest five, then five more with a 'more' button, in English too", async () => {
    const w = await storiesWorld({ publisher: new FakePublisher() });
    for (let n = 1; n <= 12; n++) await w.world.store.stories.save(published(n));
    const [reader] = await w.join({ ...person("lan", NAM_PHONG_2, []), locale: "en" });
    if (!reader) throw new Error("no chat");

    await reader.command("/stories");
    const titles = () =>
      reader
        .sent()
        .map((m) => m.bold?.[0])
        .filter((t): t is string => t !== undefined);
    expect(reader.sent()[0]?.text).toBe("Latest model stories in Thục Phán ward:");
    expect(titles()).toEqual([
      "Gương số 12",
      "Gương số 11",
      "Gương số 10",
      "Gương số 9",
      "Gương số 8",
    ]);
    expect(reader.last()).toBe("7 more stories.");
    expect(reader.buttons()).toEqual(["Show more"]);

    // A story published meanwhile does not shift the next page.
    await w.world.store.stories.save(published(20));
    await reader.press("Show more");
    expect(titles().slice(5)).toEqual([
      "Gương số 7",
      "Gương số 6",
      "Gương số 5",
      "Gương số 4",
      "Gương số 3",
    ]);
    await reader.press("Show more");
    expect(titles().slice(10)).toEqual(["Gương số 2", "Gương số 1"]);
    expect(reader.last()).toBe("You have seen every story of your area.");

    await reader.pressData("sty:more:garbage");
    expect(reader.last()).toBe(
      "This button is out of date. Type /stories to start again from the latest.",
    );
  });

  it("sends a story's photo with it, and the story without it when the file is gone", async () => {
    const w = await storiesWorld({ publisher: new FakePublisher() });
    await w.world.store.files.put("reports/x/hoa.jpg", {
      bytes: new Uint8Array([0xff, 0xd8, 0xff, 1]),
      mimeType: "image/jpeg",
    });
    await w.world.store.stories.save(
      published(1, { photo: { file: "reports/x/hoa.jpg", bytes: 4 } }),
    );
    await w.world.store.stories.save(
      published(2, { photo: { file: "reports/x/gone.jpg", bytes: 4 } }),
    );
    await w.world.store.stories.save(
      published(3, { photo: { file: "../../etc/passwd", bytes: 4 } }),
    );
    const [reader] = await w.join(person("lan", NAM_PHONG_2, []));
    await reader?.command("/stories");
    const cards = reader?.sent().slice(1) ?? [];
    expect(cards.map((c) => [c.bold?.[0], c.file?.kind, c.file?.mimeType])).toEqual([
      ["Gương số 3", undefined, undefined],
      ["Gương số 2", undefined, undefined],
      ["Gương số 1", "photo", "image/jpeg"],
    ]);
    expect([...(cards[2]?.file?.bytes ?? [])]).toEqual([0xff, 0xd8, 0xff, 1]);
  });
});
