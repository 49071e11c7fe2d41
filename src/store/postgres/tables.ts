import type { AdminAuditEntry } from "../../domain/audit.js";
import type { Broadcast, BroadcastAuditEntry } from "../../domain/broadcast.js";
import type { Campaign, TargetRecognition } from "../../domain/campaign.js";
import type { CriteriaSet, CriterionStatus } from "../../domain/criteria.js";
import type { Invite } from "../../domain/invite.js";
import type { Member } from "../../domain/member.js";
import type { Organisation } from "../../domain/organisation.js";
import type { HamletReport } from "../../domain/report.js";
import type { ReportFields } from "../../domain/report-fields.js";
import type { Story } from "../../domain/story.js";
import type { Unit } from "../../domain/unit.js";
import type { StoredChatMenu } from "../chat-menu-repository.js";
import type { StoredDialog } from "../dialog-repository.js";
import type { PayloadDoc } from "../outbox-payload.js";
import type { OutboxItem } from "../outbox-repository.js";
import type { PurposeSummary } from "../outbox-summary.js";
import type { StoredSummary } from "../summary-repository.js";
import type { DocumentTable } from "./document-table.js";

/**
 * The tables of the store. Documents have the same shape as in the lowdb adapter and a backup
 * names the same collections, so a backup taken from one adapter is read by the other.
 */

export const units: DocumentTable<Unit> = { name: "units", collection: "units", id: (u) => u.id };

export const organisations: DocumentTable<Organisation> = {
  name: "organisations",
  collection: "organisations",
  id: (o) => o.id,
};

export const criteriaSets: DocumentTable<CriteriaSet> = {
  name: "criteria_sets",
  collection: "criteria-sets",
  id: (s) => s.id,
};

export const criteriaStatus: DocumentTable<CriterionStatus> = {
  name: "criteria_status",
  collection: "criteria-status",
  id: (s) => `${s.unitId}|${s.criterionId}`,
  columns: (s) => ({ unit_id: s.unitId }),
};

export const campaigns: DocumentTable<Campaign> = {
  name: "campaigns",
  collection: "campaigns",
  id: (c) => c.id,
};

export const recognitions: DocumentTable<TargetRecognition> = {
  name: "recognitions",
  collection: "recognitions",
  id: (r) => `${r.unitId}|${r.status}`,
};

/** The report fields, kept as one document with the id `current`. */
export const reportFields: DocumentTable<ReportFields & { id: string }> = {
  name: "report_fields",
  collection: "report-fields",
  id: (d) => d.id,
};

export const members: DocumentTable<Member> = {
  name: "members",
  collection: "members",
  id: (m) => m.id,
  columns: (m) => ({
    unit_id: m.unitId,
    phone: m.phone ?? null,
    identity_keys: m.identities.map((i) => identityKey(i.channel, i.chatId)),
  }),
};

/** How a chat identity is found among a member's: `<channel>:<chatId>`. */
export function identityKey(channel: string, chatId: string): string {
  return `${channel}:${chatId}`;
}

export const invites: DocumentTable<Invite> = {
  name: "invites",
  collection: "invites",
  id: (i) => i.code,
};

export interface ClaimDoc {
  key: string;
  at: string;
  expiresAt?: string;
}

export const claims: DocumentTable<ClaimDoc> = {
  name: "claims",
  collection: "claims",
  id: (c) => c.key,
  columns: (c) => ({ expires_at: c.expiresAt ?? null }),
};

export interface AttemptDoc {
  key: string;
  at: string[];
}

export const attempts: DocumentTable<AttemptDoc> = {
  name: "attempts",
  collection: "attempts",
  id: (a) => a.key,
};

export interface SequenceDoc {
  name: string;
  value: number;
}

export const sequences: DocumentTable<SequenceDoc> = {
  name: "sequences",
  collection: "sequences",
  id: (s) => s.name,
};

export const dialogs: DocumentTable<StoredDialog> = {
  name: "dialogs",
  collection: "dialogs",
  id: (d) => d.memberId,
};

export const reports: DocumentTable<HamletReport> = {
  name: "reports",
  collection: "reports",
  id: (r) => r.id,
  columns: (r) => ({ week: r.week, hamlet_id: r.hamletId, author_id: r.authorId }),
};

export const reportHistory: DocumentTable<HamletReport> = {
  name: "report_history",
  collection: "report-history",
  id: (r) => `${r.id}#${r.version}`,
  columns: (r) => ({ report_id: r.id, version: r.version }),
};

export interface ReopenDoc {
  id: string;
  hamletId: string;
  week: string;
  by: string;
  at: string;
}

export const reopenedWeeks: DocumentTable<ReopenDoc> = {
  name: "reopened_weeks",
  collection: "reopened-weeks",
  id: (r) => r.id,
};

export const outbox: DocumentTable<OutboxItem> = {
  name: "outbox",
  collection: "outbox",
  id: (item) => item.key,
  columns: (item) => ({
    purpose: item.purpose,
    state: item.state,
    not_before: item.notBefore,
    urgent: item.urgent,
    created_at: item.createdAt,
    seq: item.seq ?? 0,
    payload_id: item.payloadId,
    lease_id: item.state === "sending" ? (item.lease?.id ?? null) : null,
    lease_until: item.state === "sending" ? (item.lease?.until ?? null) : null,
    finished_at: item.finishedAt ?? null,
  }),
};

export const outboxPayloads: DocumentTable<PayloadDoc> = {
  name: "outbox_payloads",
  collection: "outbox-payloads",
  id: (p) => p.id,
  // Saved (again) now: a message is saved before its sends are enqueued, and a prune must
  // not take it in between.
  columns: (p) => ({ file_sha256: p.file?.sha256 ?? null, saved_at: new Date().toISOString() }),
};

export const outboxPurposes: DocumentTable<PurposeSummary> = {
  name: "outbox_purposes",
  collection: "outbox-purposes",
  id: (s) => s.purpose,
};

export const broadcasts: DocumentTable<Broadcast> = {
  name: "broadcasts",
  collection: "broadcasts",
  id: (b) => b.id,
  columns: (b) => ({ author_id: b.authorId, state: b.state }),
};

export const broadcastAudit: DocumentTable<BroadcastAuditEntry> = {
  name: "broadcast_audit",
  collection: "broadcast-audit",
  id: (e) => `${e.broadcastId}#${e.seq}`,
  columns: (e) => ({ broadcast_id: e.broadcastId, seq: e.seq }),
};

export const adminAudit: DocumentTable<AdminAuditEntry> = {
  name: "admin_audit",
  collection: "admin-audit",
  id: (e) => e.id,
  columns: (e) => ({ at: e.at }),
};

export const summaries: DocumentTable<StoredSummary> = {
  name: "summaries",
  collection: "summaries",
  id: (s) => s.id,
  columns: (s) => ({ period_key: s.periodKey, area_id: s.areaId }),
};

export const stories: DocumentTable<Story> = {
  name: "stories",
  collection: "stories",
  id: (s) => s.id,
  columns: (s) => ({
    status: s.status,
    report_id: s.reportId ?? null,
    broadcast_ids: [
      ...new Set([
        ...(s.submission ? [s.submission.broadcastId] : []),
        ...(s.broadcastId ? [s.broadcastId] : []),
      ]),
    ],
  }),
};

export const chatMenus: DocumentTable<StoredChatMenu> = {
  name: "chat_menus",
  collection: "chat-menus",
  id: (m) => m.key,
};

/** Every document table, in the order a backup lists them. */
export const DOCUMENT_TABLES = [
  units,
  organisations,
  criteriaSets,
  criteriaStatus,
  campaigns,
  recognitions,
  reportFields,
  members,
  invites,
  claims,
  attempts,
  sequences,
  dialogs,
  reports,
  reportHistory,
  reopenedWeeks,
  outbox,
  outboxPayloads,
  outboxPurposes,
  broadcasts,
  broadcastAudit,
  summaries,
  stories,
  chatMenus,
  adminAudit,
] as const;
