import type { Member } from "../../../src/domain/member.js";
import { reportFeature } from "../../../src/features/reporting/report-feature.js";
import { reportFlow } from "../../../src/features/reporting/report-flow.js";
import { Chat, engineFor, memberWith, openWorld, type World } from "../../dialog/harness.js";

/** Nam Phong 2, the hamlet of the examples. */
export const NAM_PHONG_2 = "hung-dao.nam-phong-2";

/** Wednesday 25/11/2026 10:00 in Cao Bằng: week 2026-W48 (23/11 – 29/11). */
export const WEDNESDAY = "2026-11-25T03:00:00.000Z";

/** A hamlet head of the given hamlets. */
export function head(id = "head-1", hamlets: string[] = [NAM_PHONG_2]): Member {
  return memberWith(
    id,
    hamlets.map((unitId) => ({ role: "hamlet_head" as const, unitId, orgIds: [] })),
    hamlets[0],
  );
}

/** A world with the report flow, and a chat for a member in it. */
export async function reportWorld(at = WEDNESDAY) {
  const world = await openWorld(at);
  const newChat = (member: Member = head(), buttons = true) => {
    const engine = engineFor(world, [reportFlow]);
    return new Chat(world, engine, [reportFeature(engine)], member, buttons);
  };
  return { world, newChat };
}

/** Restarts the bot under a chat: a new engine and feature on the same store. */
export function restart(world: World, chat: Chat): void {
  chat.engine = engineFor(world, [reportFlow]);
  chat.features.splice(0, chat.features.length, reportFeature(chat.engine));
}

/** Files the two-group report of the examples, by buttons and typed numbers. */
export async function fileTwoGroupReport(chat: Chat): Promise<void> {
  await chat.command("report");
  await chat.press("Đường giao thông");
  await chat.press("Đóng góp của nhân dân");
  await chat.press("Xong");
  await chat.say("1,2 km");
  await chat.say("ko");
  await chat.say("2 triệu");
  await chat.say("0");
  await chat.say("1.500");
  await chat.say("0");
  await chat.press("Xem lại và gửi");
  await chat.press("Gửi báo cáo");
}
