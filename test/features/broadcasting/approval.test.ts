import { describe, expect, it } from "vitest";
import type { BroadcastDraft } from "../../../src/domain/broadcast.js";
import { broadcastWorld, communeApprover, person, womenBroadcaster } from "./broadcast-harness.js";

const hoa = () => person("hoa", "hung-dao.nam-phong-2", ["hoi-phu-nu"]);

const draft = (over: Partial<BroadcastDraft> = {}): BroadcastDraft => ({
  kind: "campaign",
  text: "Chủ nhật ra quân làm vệ sinh đường làng",
  audience: { orgIds: ["hoi-phu-nu"], areaIds: ["thuc-phan"], roles: [] },
  schedule: { kind: "now" },
  urgent: false,
  ...over,
});

async function submitted(over: Partial<BroadcastDraft> = {}, approverExtra = true) {
  const w = await broadcastWorld();
  const author = womenBroadcaster("author", [
    { role: "approver", unitId: "thuc-phan", orgIds: [] },
  ]);
  const chats = await w.join(
    author,
    communeApprover(),
    hoa(),
    ...(approverExtra
      ? [
          person(
            "vq-approver",
            "vinh-quang",
            [],
            [{ role: "approver", unitId: "vinh-quang", orgIds: [] }],
          ),
        ]
      : []),
  );
  const result = await w.broadcasting.submit(author, draft(over));
  if (!result.ok) throw new Error(result.reason);
  const [authorChat, approverChat, hoaChat, vqChat] = chats;
  if (!authorChat || !approverChat || !hoaChat) throw new Error("no chats");
  return { w, result, authorChat, approverChat, hoaChat, vqChat };
}

describe("approving a broadcast", () => {
  it("asks only approvers covering the whole audience, other than the author, with the preview", async () => {
    const { w } = await submitted();
    const [request] = await w.queuedFor("approver");
    expect(request?.message.text).toContain("Người author xin duyệt tin số 1");
    expect(request?.message.text).toContain("📢 Hội Liên hiệp Phụ nữ phường Thục Phán");
    expect(request?.message.text).toContain("Số người nhận: 2 (Telegram 2, Zalo 0).");
    expect(request?.message.choices?.flat().map((c) => c.label)).toEqual(["Duyệt", "Từ chối"]);
    expect(await w.queuedFor("author")).toEqual([]);
    expect(await w.queuedFor("vq-approver")).toEqual([]);
    expect(await w.queuedFor("hoa")).toEqual([]);
  });

  it("refuses the author's own approval, even with forged button data, and nothing goes out", async () => {
    const { w, authorChat } = await submitted();
    await authorChat.pressData("bca:1:1");
    expect(authorChat.last()).toBe(
      "Anh/chị không thể tự duyệt tin của mình. Tin cần một người duyệt khác.",
    );
    expect((await w.world.store.broadcasts.get("1"))?.state).toBe("pending");
    expect(await w.queuedFor("hoa")).toEqual([]);
  });

  it("refuses an approver of another commune", async () => {
    const { w, vqChat } = await submitted();
    await vqChat?.pressData("bca:1:1");
    expect(vqChat?.last()).toBe("Anh/chị không phụ trách tin này.");
    expect((await w.world.store.broadcasts.get("1"))?.state).toBe("pending");
  });

  it("sends it once approved, and tells the author", async () => {
    const { w, approverChat } = await submitted();
    const approve = (await w.queuedButtons("approver")).find((b) => b.label === "Duyệt");
    await approverChat.pressData(approve?.data ?? "");
    expect(approverChat.last()).toBe("Đã duyệt tin số 1. Người soạn đã được báo.");
    const told = (await w.queuedFor("author")).map((q) => q.message.text);
    expect(told[0]).toBe(
      "Người approver đã duyệt tin số 1 «Chủ nhật ra quân làm vệ sinh đường làng»: gửi ngay khi được duyệt.",
    );
    expect((await w.queuedFor("hoa")).map((q) => q.key)).toEqual(["broadcast:1:hoa"]);
    // A second press changes nothing.
    await approverChat.pressData(approve?.data ?? "");
    expect(approverChat.last()).toContain("không còn chờ duyệt");
    const audit = await w.world.store.broadcasts.audit("1");
    expect(audit.map((e) => [e.action, e.actorId])).toEqual([
      ["composed", "author"],
      ["approved", "approver"],
      ["started", undefined],
    ]);
  });

  it("tells the author a rejection with its reason", async () => {
    const { w, approverChat } = await submitted();
    const reject = (await w.queuedButtons("approver")).find((b) => b.label === "Từ chối");
    await approverChat.pressData(reject?.data ?? "");
    expect(approverChat.last()).toContain("Anh/chị cho biết lý do từ chối tin số 1.");
    await approverChat.say("Ngày ra quân chưa chốt, chờ xã họp");
    expect(approverChat.last()).toBe("Đã từ chối tin số 1. Người soạn đã được báo lý do.");
    const told = (await w.queuedFor("author")).map((q) => q.message.text);
    expect(told).toEqual([
      "Người approver đã từ chối tin số 1 «Chủ nhật ra quân làm vệ sinh đường làng». Lý do: Ngày ra quân chưa chốt, chờ xã họp\nAnh/chị có thể gõ /broadcast để soạn lại.",
    ]);
    expect((await w.world.store.broadcasts.get("1"))?.state).toBe("rejected");
    expect(await w.queuedFor("hoa")).toEqual([]);
  });

  it("lets the approver confirm an urgent mark or drop it", async () => {
    const { w, approverChat } = await submitted({ urgent: true });
    const notUrgent = (await w.queuedButtons("approver")).find(
      (b) => b.label === "Duyệt, không gửi khẩn",
    );
    await approverChat.pressData(notUrgent?.data ?? "");
    const stored = await w.world.store.broadcasts.get("1");
    expect(stored?.urgent).toBe(false);
    expect((await w.queuedFor("hoa"))[0]?.urgent).toBe(false);
  });
});

describe("changing a scheduled broadcast", () => {
  it("sends an edited one back through approval; the old approval button no longer works", async () => {
    const { w, approverChat, authorChat } = await submitted({
      schedule: { kind: "at", at: "2026-11-30T01:00:00.000Z" },
    });
    const oldApprove = (await w.queuedButtons("approver")).find((b) => b.label === "Duyệt");
    await approverChat.pressData(oldApprove?.data ?? "");
    expect((await w.world.store.broadcasts.get("1"))?.state).toBe("scheduled");

    await authorChat.command("/broadcasts");
    expect(authorChat.last()).toContain(
      "tin số 1 «Chủ nhật ra quân làm vệ sinh đường làng» — Đã hẹn giờ",
    );
    await authorChat.press("Sửa tin 1");
    expect(authorChat.last()).toContain("Anh/chị đang sửa tin số 1");
    await authorChat.press("Sửa một mục");
    await authorChat.press("Nội dung");
    await authorChat.say("Chủ nhật ra quân làm vệ sinh đường làng, 7 giờ sáng");
    expect(authorChat.last()).toContain("7 giờ sáng");
    await authorChat.press("Giữ lịch cũ");
    expect(authorChat.last()).toContain("Đã sửa tin số 1");
    expect(authorChat.last()).toContain("bản số 2");
    const edited = await w.world.store.broadcasts.get("1");
    expect(edited).toMatchObject({ state: "pending", version: 2, schedule: { kind: "at" } });

    await approverChat.pressData(oldApprove?.data ?? "");
    expect(approverChat.last()).toContain("đã được sửa sau khi anh/chị nhận yêu cầu duyệt");
    const approveNew = (await w.queuedButtons("approver")).find((b) => b.label === "Duyệt");
    expect(approveNew?.data).toBe("bca:1:2");
    await approverChat.pressData(approveNew?.data ?? "");
    expect((await w.world.store.broadcasts.get("1"))?.state).toBe("scheduled");
    const actions = (await w.world.store.broadcasts.audit("1")).map((e) => e.action);
    expect(actions).toEqual(["composed", "approved", "edited", "approved"]);
  });

  it("stops a cancelled weekly broadcast from firing again", async () => {
    const { w, approverChat, authorChat } = await submitted({
      schedule: { kind: "weekly", weekday: 1, time: "08:00" },
    });
    await approverChat.pressData("bca:1:1");
    const job = w.broadcasting.jobs[0];
    w.world.clock.set("2026-11-30T01:00:10.000Z");
    await job?.run(new Date("2026-11-30T01:00:00.000Z"));
    expect((await w.queuedFor("hoa")).map((q) => q.key)).toEqual(["broadcast:1:2026-11-30:hoa"]);

    await authorChat.command("/broadcasts");
    await authorChat.press("Hủy tin 1");
    expect(authorChat.last()).toContain("Anh/chị chắc chắn muốn hủy tin số 1?");
    await authorChat.press("Hủy tin");
    expect(authorChat.last()).toBe("Đã hủy tin số 1.");
    w.world.clock.set("2026-12-07T01:00:10.000Z");
    await job?.run(new Date("2026-12-07T01:00:00.000Z"));
    expect((await w.queuedFor("hoa")).map((q) => q.key)).toEqual(["broadcast:1:2026-11-30:hoa"]);
    expect((await w.world.store.broadcasts.get("1"))?.state).toBe("cancelled");
  });
});

describe("opting out", () => {
  it("/stop asks first, then the next broadcast skips the member and counts them as opted out", async () => {
    const w = await broadcastWorld({ approval: false });
    const author = womenBroadcaster();
    const [, hoaChat] = await w.join(author, hoa());
    await hoaChat?.command("/stop");
    expect(hoaChat?.last()).toBe("Anh/chị muốn ngừng nhận tin tuyên truyền và gương điển hình?");
    await hoaChat?.press("Ngừng nhận tin");
    expect(hoaChat?.last()).toBe(
      "Từ nay anh/chị sẽ không nhận tin tuyên truyền và gương điển hình nữa.\nMuốn nhận tin trở lại, anh/chị gõ /start.",
    );
    const result = await w.broadcasting.submit(author, draft());
    if (!result.ok) throw new Error(result.reason);
    expect(result.broadcast.runs[0]).toMatchObject({ recipients: 1, optedOut: 1 });
    expect(await w.queuedFor("hoa")).toEqual([]);

    await hoaChat?.command("/start");
    expect((await w.world.store.members.get("hoa"))?.optedOut).toBe(false);
  });

  it("tells a hamlet head their report reminders continue", async () => {
    const w = await broadcastWorld();
    const head = person(
      "head",
      "hung-dao.da-quan",
      ["hoi-phu-nu"],
      [{ role: "hamlet_head", unitId: "hung-dao.da-quan", orgIds: [] }],
    );
    const [chat] = await w.join(head);
    await chat?.command("/stop");
    await chat?.press("Ngừng nhận tin");
    expect(chat?.last()).toContain("Nhắc báo cáo tuần của xóm vẫn được gửi như thường.");
  });
});
