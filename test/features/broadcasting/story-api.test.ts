import { describe, expect, it } from "vitest";
import type { Broadcast } from "../../../src/domain/broadcast.js";
import type { Story } from "../../../src/domain/story.js";
import type { MemberContext } from "../../../src/features/feature.js";
import { createMemberDialogs } from "../../../src/features/member-dialogs.js";
import { broadcastWorld, communeApprover, person, womenBroadcaster } from "./broadcast-harness.js";

const story: Story = {
  id: "s-1",
  title: "Chị Nông Thị Hoa hiến đất làm đường",
  text: "Chị Hoa vận động 12 hộ hiến 350 m² đất làm đường.",
  unitId: "hung-dao.nam-phong-2",
  orgId: "hoi-phu-nu",
  criterionIds: [],
  authorId: "head",
  status: "nominated",
  consent: "agreed",
  createdAt: "2026-11-20T00:00:00.000Z",
  updatedAt: "2026-11-20T00:00:00.000Z",
};
const audience = { orgIds: ["hoi-phu-nu"], areaIds: ["thuc-phan"], roles: [] };

describe("broadcasting stories from the library", () => {
  it("publishes a story as a model-story broadcast that follows the approval rule, and reports its progress", async () => {
    const w = await broadcastWorld();
    const author = womenBroadcaster();
    const [, approverChat] = await w.join(
      author,
      communeApprover(),
      person("hoa", "hung-dao.nam-phong-2", ["hoi-phu-nu"]),
    );
    const changes: Broadcast["state"][] = [];
    w.broadcasting.onChange((b) => changes.push(b.state));
    const publisher = w.broadcasting.storyPublisher;
    const outcome = await publisher.submit({ member: author } as MemberContext, story, audience);
    expect(outcome).toEqual({ ok: true, broadcastId: "1", progress: "awaiting-approval" });
    const stored = await w.world.store.broadcasts.get("1");
    expect(stored).toMatchObject({ kind: "story", title: story.title, storyId: "s-1" });
    await approverChat?.pressData("bca:1:1");
    expect(await publisher.progress("1")).toBe("approved");
    // Told of every stored change: submitted, approved, started (then its run queued).
    expect(changes.filter((state, i) => state !== changes[i - 1])).toEqual([
      "pending",
      "scheduled",
      "sending",
    ]);
    expect((await w.queuedFor("hoa"))[0]?.message.text).toContain(story.title);
    expect(await publisher.progress("9")).toBeUndefined();
  });

  it("refuses a story outside the author's scope, saying why", async () => {
    const w = await broadcastWorld();
    const author = womenBroadcaster();
    await w.join(author);
    const outcome = await w.broadcasting.storyPublisher.submit(
      { member: author } as MemberContext,
      story,
      { ...audience, areaIds: ["nung-tri-cao"] },
    );
    expect(outcome).toEqual({ ok: false, reason: { key: "broadcast:refusal.out-of-scope" } });
    expect(await w.world.store.broadcasts.list()).toEqual([]);
  });

  it("refuses a story to a commune merged away, naming the ward that took it over", async () => {
    const w = await broadcastWorld();
    const author = womenBroadcaster();
    await w.join(author);
    const t = w.world.deps.i18n.getFixedT("vi");
    const outcome = await w.broadcasting.storyPublisher.submit(
      { member: author, t, locale: "vi" } as MemberContext,
      story,
      { ...audience, areaIds: ["hung-dao"] },
    );
    expect(outcome.ok).toBe(false);
    const reason = outcome.ok ? undefined : outcome.reason;
    expect(reason ? t(reason.key, reason.params) : "").toBe(
      "Không gửi được đến xã Hưng Đạo: đơn vị này không còn nữa, nay thuộc phường Thục Phán. Anh/chị chọn lại nơi nhận tin.",
    );
    expect(await w.world.store.broadcasts.list()).toEqual([]);
  });

  it("refuses a draft without text or a story without a title, whatever the caller", async () => {
    const w = await broadcastWorld();
    const author = womenBroadcaster();
    await w.join(author);
    const base = {
      audience,
      schedule: { kind: "now" as const },
      urgent: false,
    };
    expect(await w.broadcasting.submit(author, { ...base, kind: "campaign", text: "  " })).toEqual({
      ok: false,
      reason: "invalid",
    });
    expect(await w.broadcasting.submit(author, { ...base, kind: "story", text: "x" })).toEqual({
      ok: false,
      reason: "invalid",
    });
    expect(
      await w.broadcasting.submit(author, {
        ...base,
        kind: "campaign",
        text: "x",
        schedule: { kind: "weekly", weekday: 8, time: "08:00" },
      }),
    ).toEqual({ ok: false, reason: "invalid" });
  });

  it("opens the composer on a story: its content written, the author picks the audience", async () => {
    const w = await broadcastWorld({ approval: false });
    const author = womenBroadcaster();
    const [chat] = await w.join(author, person("hoa", "hung-dao.nam-phong-2", ["hoi-phu-nu"]));
    if (!chat) throw new Error("no chat");
    // The library's button would do this: start the composer with the story in its context.
    const engine = createMemberDialogs(w.broadcasting.flows, w.world.deps);
    await w.broadcasting.composeStory(
      engine,
      {
        inbound: {
          channel: "telegram",
          chatId: "chat-author",
          updateId: "1",
          receivedAt: new Date(),
          kind: "command",
        },
        member: author,
        reply: chat.reply,
        t: w.world.deps.i18n.getFixedT("vi"),
        locale: "vi",
        deps: w.world.deps,
      },
      { id: story.id, title: story.title, text: story.text },
    );
    expect(chat.last()).toBe("Gửi tới khu vực nào?");
    await chat.press("Cả phường Thục Phán");
    await chat.press("Tất cả hội viên Hội Liên hiệp Phụ nữ");
    expect(chat.last()).toContain("Chị Nông Thị Hoa hiến đất làm đường\n\nChị Hoa vận động 12 hộ");
    await chat.press("Gửi ngay");
    expect(await w.world.store.broadcasts.get("1")).toMatchObject({
      kind: "story",
      storyId: "s-1",
    });
  });
});
