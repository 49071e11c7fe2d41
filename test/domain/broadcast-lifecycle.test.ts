import { describe, expect, it } from "vitest";
import {
  type Broadcast,
  type BroadcastDraft,
  broadcastIdOfPurpose,
  runPurpose,
} from "../../src/domain/broadcast.js";
import {
  approve,
  cancel,
  edit,
  finishRun,
  newBroadcast,
  recallableRun,
  recordRecall,
  reject,
  startRun,
} from "../../src/domain/broadcast-lifecycle.js";

const draft: BroadcastDraft = {
  kind: "campaign",
  text: "Họp dân tối thứ Sáu",
  audience: { orgIds: ["hoi-phu-nu"], areaIds: ["hung-dao"], roles: [] },
  schedule: { kind: "at", at: "2026-11-30T01:00:00.000Z" },
  urgent: true,
};
const AT = "2026-11-25T03:00:00.000Z";

function submitted(approval = true): Broadcast {
  return newBroadcast(
    draft,
    { id: "7", authorId: "author", senderUnitId: "hung-dao", at: AT },
    approval,
  );
}

describe("a broadcast's approval", () => {
  it("waits for approval, and goes straight to scheduled when approval is off", () => {
    expect(submitted().state).toBe("pending");
    expect(submitted(false).state).toBe("scheduled");
  });

  it("refuses the author's own approval and rejection", () => {
    expect(approve(submitted(), "author", 1, AT, true)).toEqual({
      ok: false,
      reason: "own-broadcast",
    });
    expect(reject(submitted(), "author", 1, AT, "no")).toEqual({
      ok: false,
      reason: "own-broadcast",
    });
  });

  it("approves the version seen; the approver confirms or drops the urgent mark", () => {
    const confirmed = approve(submitted(), "boss", 1, AT, true);
    expect(confirmed.ok && confirmed.broadcast).toMatchObject({
      state: "scheduled",
      urgent: true,
      approval: { by: "boss", version: 1 },
    });
    const dropped = approve(submitted(), "boss", 1, AT, false);
    expect(dropped.ok && dropped.broadcast.urgent).toBe(false);
    expect(approve(submitted(), "boss", 2, AT, true)).toEqual({
      ok: false,
      reason: "stale-version",
    });
  });

  it("keeps a rejection's reason, and a rejected one cannot be approved after", () => {
    const rejected = reject(submitted(), "boss", 1, AT, "Sai số liệu");
    expect(rejected.ok && rejected.broadcast.rejection?.reason).toBe("Sai số liệu");
    if (!rejected.ok) throw new Error("not rejected");
    expect(approve(rejected.broadcast, "boss", 1, AT, true)).toEqual({
      ok: false,
      reason: "not-pending",
    });
  });
});

describe("changing a broadcast", () => {
  it("sends an edited scheduled broadcast back through approval, as a new version", () => {
    const approved = approve(submitted(), "boss", 1, AT, true);
    if (!approved.ok) throw new Error("not approved");
    const edited = edit(approved.broadcast, { ...draft, text: "Họp dân tối thứ Bảy" }, 1, AT, true);
    expect(edited.ok && edited.broadcast).toMatchObject({
      state: "pending",
      version: 2,
      text: "Họp dân tối thứ Bảy",
    });
    expect(edited.ok && edited.broadcast.approval).toBeUndefined();
  });

  it("cannot edit or cancel a one-time broadcast once it went out; a weekly one can", () => {
    const running = startRun(submitted(false), {
      occurrence: AT,
      purpose: "broadcast:7",
      state: "sending",
      version: 1,
      startedAt: AT,
      recipients: 3,
      optedOut: 0,
      unreachable: 0,
    });
    expect(running.state).toBe("sending");
    expect(edit(running, draft, 1, AT, true)).toEqual({ ok: false, reason: "not-editable" });
    expect(cancel(running, "author", AT)).toEqual({ ok: false, reason: "not-cancellable" });

    const weekly = newBroadcast(
      { ...draft, schedule: { kind: "weekly", weekday: 1, time: "08:00" } },
      { id: "8", authorId: "author", senderUnitId: "hung-dao", at: AT },
      false,
    );
    const ran = startRun(weekly, {
      occurrence: AT,
      purpose: "broadcast:8:2026-11-30",
      state: "sending",
      version: 1,
      startedAt: AT,
      recipients: 3,
      optedOut: 0,
      unreachable: 0,
    });
    expect(ran.state).toBe("scheduled");
    const cancelled = cancel(ran, "author", AT);
    expect(cancelled.ok && cancelled.broadcast.state).toBe("cancelled");
  });

  it("marks a one-time broadcast sent when its run ends, then recalled", () => {
    const running = startRun(submitted(false), {
      occurrence: AT,
      purpose: "broadcast:7",
      state: "sending",
      version: 1,
      startedAt: AT,
      recipients: 3,
      optedOut: 1,
      unreachable: 0,
    });
    const sent = finishRun(running, "broadcast:7", {
      counts: { sent: 2, failed: 0, blocked: 1 },
      at: AT,
      durationMs: 900,
    });
    expect(sent.state).toBe("sent");
    expect(recallableRun(sent)?.purpose).toBe("broadcast:7");
    const recalled = recordRecall(sent, "broadcast:7", {
      at: AT,
      by: "author",
      recalled: 2,
      notRecalled: 0,
    });
    expect(recalled.state).toBe("recalled");
    expect(recallableRun(recalled)).toBeUndefined();
  });
});

describe("the outbox purposes of a broadcast", () => {
  it("is one purpose for a one-time broadcast and one per day for a weekly one", () => {
    expect(runPurpose(submitted(), "2026-11-30")).toBe("broadcast:7");
    expect(
      runPurpose(
        { id: "8", schedule: { kind: "weekly", weekday: 1, time: "08:00" } },
        "2026-11-30",
      ),
    ).toBe("broadcast:8:2026-11-30");
    expect(broadcastIdOfPurpose("broadcast:8:2026-11-30")).toBe("8");
    expect(broadcastIdOfPurpose("broadcast:7")).toBe("7");
    expect(broadcastIdOfPurpose("reminder:2026-W48:fri")).toBeUndefined();
  });
});
