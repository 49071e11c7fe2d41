import { describe, expect, it } from "vitest";
import type { Outbound } from "../../../src/messaging/outbound.js";
import type { OutboxItem } from "../../../src/store/outbox-repository.js";
import {
  approver,
  head,
  NAM_PHONG_2,
  person,
  reportGoodDeed,
  type StoriesWorld,
  storiesWorld,
  womenBroadcaster,
} from "./stories-harness.js";

const DEED = "Chị Nông Thị Hoa vận động 12 hộ hiến 350 m² đất làm đường.";

/** What the outbox holds for a member, oldest first. */
async function queuedFor(w: StoriesWorld, memberId: string): Promise<Outbound[]> {
  const items = (w.world.store.snapshot().collections.outbox as OutboxItem[])
    .filter((item) => item.memberId === memberId)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.key.localeCompare(b.key));
  const messages: Outbound[] = [];
  for (const item of items) {
    const stored = await w.world.store.outbox.payload(item.payloadId);
    messages.push({ ...(stored ?? { text: "" }) } as Outbound);
  }
  return messages;
}

/** A nomination submitted through the real broadcasting side, approval on. */
async function submittedStory() {
  const w = await storiesWorld();
  const chats = await w.join(
    head(),
    womenBroadcaster(),
    approver(),
    person("hoa", NAM_PHONG_2, ["hoi-phu-nu"]),
    person("nam", NAM_PHONG_2, ["hoi-nong-dan"]),
  );
  const [headChat, broadcaster, approverChat] = chats;
  if (!headChat || !broadcaster || !approverChat) throw new Error("no chat");
  await reportGoodDeed(headChat, DEED);
  await broadcaster.command("/stories pending");
  await broadcaster.press("1.");
  await broadcaster.press("Sửa tiêu đề");
  await broadcaster.say("Chị Hoa vận động hiến đất làm đường");
  await broadcaster.press("Gửi đăng");
  await broadcaster.press("Gửi để duyệt");
  const [story] = await w.world.store.stories.listByStatus("nominated");
  if (!story?.submission) throw new Error("not submitted");
  return { w, broadcaster, approverChat, story, broadcastId: story.submission.broadcastId };
}

describe("publishing a story through broadcasting", () => {
  it("creates a 'model story' broadcast that waits for an approver, as any broadcast", async () => {
    const { w, broadcaster, broadcastId, story } = await submittedStory();
    expect(broadcaster.last()).toContain("để duyệt");
    const broadcast = await w.world.store.broadcasts.get(broadcastId);
    expect(broadcast).toMatchObject({
      kind: "story",
      title: "Chị Hoa vận động hiến đất làm đường",
      text: DEED,
      storyId: story.id,
      state: "pending",
      audience: { orgIds: ["hoi-phu-nu"], areaIds: ["thuc-phan"], roles: [] },
    });
    const [request] = await queuedFor(w, "approver");
    expect(request?.text).toContain("xin duyệt");
    expect(await queuedFor(w, "hoa")).toEqual([]);
  });

  it("is approved when the approver approves, and goes to the women's union only", async () => {
    const { w, approverChat, broadcaster, story } = await submittedStory();
    const [request] = await queuedFor(w, "approver");
    const approve = request?.choices?.flat().find((c) => c.label === "Duyệt");
    await approverChat.pressData(approve?.data ?? "");
    expect(approverChat.last()).toContain("Đã duyệt tin số");

    // The broadcaster looks again: it no longer waits for approval.
    await broadcaster.command("/stories pending");
    expect(broadcaster.last()).not.toContain("đang chờ duyệt");
    expect((await w.world.store.stories.get(story.id))?.status).toBe("approved");
    const [toHoa] = await queuedFor(w, "hoa");
    expect(toHoa?.text).toContain("Chị Hoa vận động hiến đất làm đường");
    expect(toHoa?.text).toContain(DEED);
    expect(await queuedFor(w, "nam")).toEqual([]);
  });

  it("returns to the nominations when the approver rejects it", async () => {
    const { w, approverChat, broadcaster, story } = await submittedStory();
    const [request] = await queuedFor(w, "approver");
    const reject = request?.choices?.flat().find((c) => c.label === "Từ chối");
    await approverChat.pressData(reject?.data ?? "");
    await approverChat.say("Cần hỏi lại ý kiến chị Hoa.");

    await broadcaster.command("/stories pending");
    const returned = await w.world.store.stories.get(story.id);
    expect(returned).toMatchObject({
      status: "nominated",
      title: "Chị Hoa vận động hiến đất làm đường",
    });
    expect(returned?.submission).toBeUndefined();
    expect(broadcaster.last()).toContain("1. Chị Hoa vận động hiến đất làm đường");
  });

  it("follows its broadcast at once when broadcasting reports a change, before anyone reads", async () => {
    const { w, approverChat, story, broadcastId } = await submittedStory();
    const [request] = await queuedFor(w, "approver");
    const approve = request?.choices?.flat().find((c) => c.label === "Duyệt");
    await approverChat.pressData(approve?.data ?? "");
    const broadcast = await w.world.store.broadcasts.get(broadcastId);
    if (!broadcast) throw new Error("no broadcast");
    await w.stories.follow(broadcast);
    expect((await w.world.store.stories.get(story.id))?.status).toBe("approved");
  });

  it("is sent at once when a deployment turns approval off", async () => {
    const w = await storiesWorld({ approval: false });
    const [headChat, broadcaster] = await w.join(
      head(),
      womenBroadcaster(),
      person("hoa", NAM_PHONG_2, ["hoi-phu-nu"]),
    );
    if (!headChat || !broadcaster) throw new Error("no chat");
    await reportGoodDeed(headChat, DEED);
    await broadcaster.command("/stories pending");
    await broadcaster.press("1.");
    await broadcaster.press("Gửi đăng");
    expect(broadcaster.last()).toContain("Tin sẽ được gửi đi ngay.");
    await broadcaster.press("Gửi ngay");
    expect(broadcaster.last()).toBe(
      "Gương “Chị Nông Thị Hoa vận động 12 hộ hiến 350 m² đất làm đường” đã được duyệt và sắp được gửi đi.",
    );
    expect((await w.world.store.stories.listByStatus("approved")).length).toBe(1);
    expect((await queuedFor(w, "hoa")).length).toBe(1);
  });
});
