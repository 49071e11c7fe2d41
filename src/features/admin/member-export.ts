import type { Invite } from "../../domain/invite.js";
import type { Member } from "../../domain/member.js";
import type { HamletReport } from "../../domain/report.js";
import { STORY_STATUSES, type Story } from "../../domain/story.js";
import type { StoredDialog } from "../../store/dialog-repository.js";
import type { Store } from "../../store/store.js";

/**
 * Everything kept about one person, for their request to see it (Nghị định 13/2023/NĐ-CP):
 * the member record, the invites made for them, the reports they filed, the stories they wrote
 * and the draft they have in progress.
 */
export interface MemberExport {
  exportedAt: string;
  member: Member;
  invites: Invite[];
  reports: HamletReport[];
  stories: Story[];
  draft?: StoredDialog;
}

/** Gathers a member's data; undefined when there is no such member. */
export async function exportMember(
  store: Store,
  memberId: string,
  now: () => Date,
): Promise<MemberExport | undefined> {
  const member = await store.members.get(memberId);
  if (!member) return undefined;
  const [invites, reports, draft, ...storiesByStatus] = await Promise.all([
    store.invites.list(),
    store.reports.listByAuthor(memberId),
    store.dialogs.get(memberId),
    ...STORY_STATUSES.map((status) => store.stories.listByStatus(status)),
  ]);
  return {
    exportedAt: now().toISOString(),
    member,
    invites: invites.filter((i) => i.memberId === memberId || i.usedBy === memberId),
    reports,
    stories: storiesByStatus.flat().filter((story) => story.authorId === memberId),
    ...(draft ? { draft } : {}),
  };
}
