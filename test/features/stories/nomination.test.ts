import { describe, expect, it } from "vitest";
import { catchUpNominations } from "../../../src/features/stories/nominations.js";
import {
  FakePublisher,
  head,
  NAM_PHONG_2,
  reportGoodDeed,
  storiesWorld,
  womenBroadcaster,
} from "./stories-harness.js";

const DEED = "Chị Nông Thị Hoa vận động 12 hộ hiến 350 m² đất làm đường.";

describe("a good deed nominated in a weekly report", () => {
  it("arrives in the library as 'nominated', with the photo, the consent and the hamlet", async () => {
    const w = await storiesWorld({ publisher: new FakePublisher() });
    const [headChat] = await w.join(head());
    if (!headChat) throw new Error("no chat");
    await reportGoodDeed(headChat, DEED, { photo: true });
    expect(headChat.last()).toContain("Đã nhận báo cáo tuần");

    const story = await w.world.store.stories.findByReport(`${NAM_PHONG_2}@2026-W48`);
    expect(story).toMatchObject({
      status: "nominated",
      title: "Chị Nông Thị Hoa vận động 12 hộ hiến 350 m² đất làm đường",
      text: DEED,
      unitId: NAM_PHONG_2,
      authorId: "head",
      consent: "agreed",
    });
    expect(story?.photo?.file).toMatch(/^reports\//);
  });

  it("is updated, not doubled, when the head files the week again, and withdrawn with the deed", async () => {
    const w = await storiesWorld({ publisher: new FakePublisher() });
    const [headChat] = await w.join(head());
    if (!headChat) throw new Error("no chat");
    await reportGoodDeed(headChat, DEED);
    await reportGoodDeed(headChat, "Ông Lục Văn Sáng sửa cầu treo.", { consent: false });
    const nominated = await w.world.store.stories.listByStatus("nominated");
    expect(nominated.map((s) => [s.text, s.consent])).toEqual([
      ["Ông Lục Văn Sáng sửa cầu treo.", "not-agreed"],
    ]);

    await headChat.command("/report");
    await headChat.press("Không có gì mới");
    await headChat.press("Xem lại và gửi");
    await headChat.press("Gửi báo cáo");
    expect(await w.world.store.stories.listByStatus("nominated")).toEqual([]);
  });

  it("keeps a broadcaster's edits when the head files the week again", async () => {
    const w = await storiesWorld({ publisher: new FakePublisher() });
    const [headChat, broadcaster] = await w.join(head(), womenBroadcaster());
    if (!headChat || !broadcaster) throw new Error("no chat");
    await reportGoodDeed(headChat, DEED);
    await broadcaster.command("/stories pending");
    await broadcaster.press("1.");
    await broadcaster.press("Sửa tiêu đề");
    await broadcaster.say("Hiến đất làm đường ở Nam Phong 2");
    await broadcaster.press("Để sau");

    await reportGoodDeed(headChat, "Một việc khác.");
    const [story] = await w.world.store.stories.listByStatus("nominated");
    expect(story).toMatchObject({ title: "Hiến đất làm đường ở Nam Phong 2", text: DEED });
  });

  it("is caught up for reports stored without one (filed before the library, or lost)", async () => {
    const w = await storiesWorld({ publisher: new FakePublisher() });
    const [headChat] = await w.join(head());
    if (!headChat) throw new Error("no chat");
    await reportGoodDeed(headChat, DEED);
    const story = await w.world.store.stories.findByReport(`${NAM_PHONG_2}@2026-W48`);
    if (!story) throw new Error("no nomination");
    await w.world.store.stories.remove(story.id);

    expect(await catchUpNominations(w.world.store, w.world.clock.now())).toBe(1);
    expect(await catchUpNominations(w.world.store, w.world.clock.now())).toBe(0);
    expect((await w.world.store.stories.listByStatus("nominated")).map((s) => s.text)).toEqual([
      DEED,
    ]);
  });
});
