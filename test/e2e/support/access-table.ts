import { reviewData } from "../../../src/features/review/review-choice.js";
import { statusChoiceData } from "../../../src/features/status/status-choices.js";

/**
 * Who may do what in chat, as one table: every command and button × every kind of person ×
 * inside or outside their scope. `test/e2e/access-control.test.ts` drives the real bot through
 * the Telegram and Zalo emulators row by row; `test/readme-access-table.test.ts` checks that
 * the README prints this very table. The expected answer is a locale key: the person must see
 * that text (in Vietnamese, or in English after switching language).
 */

/** The kinds of people the table is about, in the README's column order. */
export const ACTORS = [
  "stranger",
  "member",
  "optedOut",
  "inactive",
  "head",
  "official",
  "broadcaster",
  "approver",
  "admin",
] as const;
export type Actor = (typeof ACTORS)[number];

/** How each kind of person is named in the README. */
export const ACTOR_NAMES: Record<Actor, string> = {
  stranger: "not joined",
  member: "member",
  optedOut: "opted out (/stop)",
  inactive: "deactivated",
  head: "hamlet head",
  official: "official",
  broadcaster: "broadcaster",
  approver: "approver",
  admin: "admin",
};

/** What a person is shown: the action went through, or it was refused with this message. */
export type Outcome = { allowed: string } | { refused: string };

/**
 * Things a row acts on, made fresh for every row on every channel (so an allowed approval
 * never leaves the next row a broadcast that is no longer pending):
 * - `pendingInside`: a broadcast waiting for approval, by another broadcaster, to Hội Phụ nữ
 *   members of phường Thục Phán (inside the approver's scope);
 * - `pendingOutside`: the same, to phường Nùng Trí Cao (outside it);
 * - `ownPending`: a broadcast waiting for approval written by the person pressing;
 * - `sentInside`, `sentOutside`: a broadcast by another broadcaster that went out to Hội Phụ nữ
 *   members of phường Thục Phán or of phường Nùng Trí Cao, its run done (so it may be recalled);
 * - `storyInside`, `storyOutside`: a good deed nominated in Xóm Nam Phong 2 (phường Thục
 *   Phán), or in a hamlet of phường Nùng Trí Cao.
 */
export type Fixture =
  | "pendingInside"
  | "pendingOutside"
  | "ownPending"
  | "sentInside"
  | "sentOutside"
  | "storyInside"
  | "storyOutside";

/** What the person sends: a command line, a button's data, or a text typed. */
export type Sent =
  | { command: string }
  | { button: (broadcastId: string) => string }
  | { text: (broadcastId: string) => string };

/** One action of the table and what each kind of person gets for it. */
export interface AccessRule {
  /** The action as the README names it. */
  what: string;
  /** Where it acts, relative to the person's scope ("" when scope does not apply). */
  where: string;
  send: Sent;
  fixture?: Fixture;
  /** Words nobody may see in the answer (the text of a broadcast outside their scope). */
  hidden?: (broadcastId: string) => string;
  /** The outcome for the kinds of person named; `rest` for everyone else who has joined. */
  expect: Partial<Record<Actor, Outcome>> & { rest: Outcome };
}

/** The week of the bench's clock (Wednesday 25/11/2026). */
export const WEEK = "2026-W48";
/** The officials' and staff's ward, and a ward outside their scope. */
export const INSIDE = "thuc-phan";
export const OUTSIDE = "nung-tri-cao";
/** A hamlet inside the official's ward (the head's), and one added outside it for the table. */
export const HAMLET_INSIDE = "hung-dao.nam-phong-2";
export const HAMLET_OUTSIDE = "nung-tri-cao.khuoi-khon";

const yes = (key: string): Outcome => ({ allowed: key });
const no = (key: string): Outcome => ({ refused: key });

const notHead = no("report:refusal.notHead");
const notOfficialStatus = no("status:refusal.notOfficial");
const notOfficialReview = no("review:refusal.notOfficial");
const notAllowed = no("broadcast:refusal.not-allowed");
const closed = no("common:error.closed");

/** The table. Strangers and deactivated members get one answer to everything (see below). */
export const ACCESS_RULES: readonly AccessRule[] = [
  {
    what: "/start",
    where: "",
    send: { command: "/start" },
    expect: { rest: yes("common:join.welcomeOther"), head: yes("common:join.welcomeHead") },
  },
  {
    what: "/help",
    where: "",
    send: { command: "/help" },
    expect: { rest: yes("common:help.intro") },
  },
  {
    what: "/lang",
    where: "",
    send: { command: "/lang" },
    expect: { rest: yes("common:lang.ask") },
  },
  {
    what: "/mydata",
    where: "",
    send: { command: "/mydata" },
    expect: { rest: yes("common:mydata.title") },
  },
  {
    what: "/stories",
    where: "",
    send: { command: "/stories" },
    expect: { rest: yes("stories:library.empty") },
  },
  {
    what: "/stop",
    where: "",
    send: { command: "/stop" },
    expect: { rest: yes("broadcast:stop.confirm"), optedOut: no("broadcast:stop.already") },
  },
  {
    what: "/report",
    where: "own hamlet",
    send: { command: "/report" },
    expect: { rest: notHead, head: yes("report:ask.groups") },
  },
  {
    what: "/myreports",
    where: "",
    send: { command: "/myreports" },
    expect: { rest: notHead, head: yes("report:mine.none") },
  },
  {
    what: "/broadcast",
    where: "",
    send: { command: "/broadcast" },
    expect: {
      rest: no("broadcast:refusal.notBroadcaster"),
      broadcaster: yes("broadcast:ask.kind"),
    },
  },
  {
    what: "/broadcasts",
    where: "",
    send: { command: "/broadcasts" },
    expect: {
      rest: no("broadcast:refusal.notStaff"),
      broadcaster: yes("broadcast:list.empty"),
      approver: yes("broadcast:list.empty"),
    },
  },
  {
    what: "/stories pending",
    where: "",
    send: { command: "/stories pending" },
    expect: { rest: no("common:error.notAllowed"), broadcaster: yes("stories:pending.none") },
  },
  {
    what: "/status",
    where: "own area",
    send: { command: "/status" },
    expect: {
      rest: notOfficialStatus,
      official: yes("status:chartCaption"),
      admin: yes("status:chartCaption"),
    },
  },
  {
    what: "/status Nam Phong 2",
    where: "inside",
    send: { command: "/status Nam Phong 2" },
    expect: {
      rest: notOfficialStatus,
      official: yes("status:hamlet.criteriaHeading"),
      admin: yes("status:hamlet.criteriaHeading"),
    },
  },
  {
    what: "/status Nùng Trí Cao",
    where: "outside",
    send: { command: "/status Nùng Trí Cao" },
    expect: {
      rest: notOfficialStatus,
      official: no("status:refusal.outside"),
      admin: yes("status:chartCaption"),
    },
  },
  {
    what: "/summary",
    where: "own area",
    send: { command: "/summary" },
    expect: {
      rest: notOfficialStatus,
      official: yes("summary:long.reportingHeading"),
      admin: yes("summary:long.reportingHeading"),
    },
  },
  {
    what: "/reports",
    where: "own area",
    send: { command: "/reports" },
    expect: { rest: notOfficialReview, official: yes("review:list.tally") },
  },
  {
    what: "button: /status of an area",
    where: "inside",
    send: { button: () => statusChoiceData("show", INSIDE, WEEK) },
    expect: {
      rest: notOfficialStatus,
      official: yes("status:chartCaption"),
      admin: yes("status:chartCaption"),
    },
  },
  {
    what: "button: /status of an area",
    where: "outside (forged)",
    send: { button: () => statusChoiceData("show", OUTSIDE, WEEK) },
    expect: {
      rest: notOfficialStatus,
      official: no("status:refusal.outside"),
      admin: yes("status:chartCaption"),
    },
  },
  {
    what: "button: spreadsheet of an area",
    where: "outside (forged)",
    send: { button: () => statusChoiceData("sheet", OUTSIDE, WEEK) },
    expect: {
      rest: notOfficialStatus,
      official: no("status:refusal.outside"),
      admin: yes("status:sheetCaption"),
    },
  },
  {
    what: "button: open a hamlet's report",
    where: "inside",
    send: { button: () => reviewData({ kind: "open", week: WEEK, hamlet: HAMLET_INSIDE }) },
    expect: { rest: notOfficialReview, official: yes("review:refusal.noReport") },
  },
  {
    what: "button: open a hamlet's report",
    where: "outside (forged)",
    send: { button: () => reviewData({ kind: "open", week: WEEK, hamlet: HAMLET_OUTSIDE }) },
    expect: { rest: notOfficialReview, official: no("review:refusal.notInScope") },
  },
  {
    what: "button: accept a hamlet's report",
    where: "outside (forged)",
    send: {
      button: () => reviewData({ kind: "accept", week: WEEK, hamlet: HAMLET_OUTSIDE, version: 1 }),
    },
    expect: { rest: notOfficialReview, official: no("review:refusal.notInScope") },
  },
  {
    what: "button: reopen a week for a hamlet",
    where: "outside (forged)",
    send: {
      button: () => reviewData({ kind: "reopen", week: "2026-W47", hamlet: HAMLET_OUTSIDE }),
    },
    expect: { rest: notOfficialReview, official: no("review:refusal.notInScope") },
  },
  {
    what: "button: approve a broadcast",
    where: "inside",
    fixture: "pendingInside",
    send: { button: (id) => `bca:${id}:1` },
    expect: { rest: notAllowed, approver: yes("broadcast:decided.approved") },
  },
  {
    what: "button: approve a broadcast",
    where: "outside (forged)",
    fixture: "pendingOutside",
    send: { button: (id) => `bca:${id}:1` },
    expect: { rest: notAllowed },
  },
  {
    what: "button: approve a broadcast",
    where: "one's own (forged)",
    fixture: "ownPending",
    send: { button: (id) => `bca:${id}:1` },
    expect: { rest: no("broadcast:refusal.own-broadcast") },
  },
  {
    what: "button: reject a broadcast",
    where: "inside",
    fixture: "pendingInside",
    send: { button: (id) => `bcr:${id}:1` },
    expect: { rest: notAllowed, approver: yes("broadcast:ask.reason") },
  },
  {
    what: "button: reject a broadcast",
    where: "outside (forged)",
    fixture: "pendingOutside",
    send: { button: (id) => `bcr:${id}:1` },
    expect: { rest: notAllowed },
  },
  {
    what: "button: view a broadcast to approve",
    where: "inside",
    fixture: "pendingInside",
    send: { button: (id) => `bcp:${id}` },
    expect: { rest: notAllowed, approver: yes("broadcast:approval.asks") },
  },
  {
    what: "button: view a broadcast to approve",
    where: "outside (forged)",
    fixture: "pendingOutside",
    send: { button: (id) => `bcp:${id}` },
    expect: { rest: notAllowed },
  },
  {
    what: "button: edit a broadcast",
    where: "one's own",
    fixture: "ownPending",
    send: { button: (id) => `bce:${id}` },
    expect: {
      rest: no("broadcast:refusal.notBroadcaster"),
      broadcaster: yes("broadcast:ask.send"),
    },
  },
  {
    what: "button: edit a broadcast",
    where: "another's (forged)",
    fixture: "pendingInside",
    send: { button: (id) => `bce:${id}` },
    expect: { rest: notAllowed },
  },
  {
    what: "button: cancel a broadcast",
    where: "another's, inside",
    fixture: "pendingInside",
    send: { button: (id) => `bcx:${id}` },
    expect: { rest: notAllowed, approver: yes("broadcast:cancel.confirm") },
  },
  {
    what: "button: confirm cancelling a broadcast",
    where: "another's, inside (forged)",
    fixture: "pendingInside",
    send: { button: (id) => `bcx:${id}:yes` },
    expect: { rest: notAllowed, approver: yes("broadcast:cancel.done") },
  },
  {
    what: "button: confirm cancelling a broadcast",
    where: "outside (forged)",
    fixture: "pendingOutside",
    send: { button: (id) => `bcx:${id}:yes` },
    expect: { rest: notAllowed },
  },
  {
    what: "button: recall a sent broadcast",
    where: "another's, inside",
    fixture: "sentInside",
    send: { button: (id) => `bcv:${id}` },
    expect: { rest: notAllowed, approver: yes("broadcast:recall.confirm") },
  },
  {
    what: "button: recall a sent broadcast",
    where: "outside (forged)",
    fixture: "sentOutside",
    send: { button: (id) => `bcv:${id}` },
    expect: { rest: notAllowed },
  },
  {
    what: "button: confirm recalling a broadcast",
    where: "outside (forged)",
    fixture: "sentOutside",
    send: { button: (id) => `bcv:${id}:yes` },
    expect: { rest: notAllowed },
  },
  {
    what: "button: open a nominated story",
    where: "inside",
    fixture: "storyInside",
    send: { button: (id) => `sty:open:${id}` },
    expect: { rest: no("common:error.notAllowed"), broadcaster: yes("stories:edit.ask") },
  },
  {
    what: "button: open a nominated story",
    where: "outside (forged)",
    fixture: "storyOutside",
    send: { button: (id) => `sty:open:${id}` },
    expect: { rest: no("common:error.notAllowed"), broadcaster: no("stories:refusal.outOfScope") },
  },
  {
    what: "button: open a nominated story",
    where: "unknown (forged)",
    send: { button: () => "sty:open:no-such-story" },
    expect: { rest: no("common:error.notAllowed"), broadcaster: no("stories:refusal.gone") },
  },
  {
    what: "button: report this week",
    where: "own hamlet",
    send: { button: () => "menu:report" },
    expect: { rest: notHead, head: yes("report:ask.groups") },
  },
  {
    what: "button: add someone to a shared phone",
    where: "forged, with a wrong code",
    send: { button: () => "join:share:QQQQQQ" },
    expect: { rest: no("common:join.unknown") },
  },
  {
    // A shared phone's choices name the person they were shown to; a name from another phone
    // is not taken: the person holding this phone acts as themselves.
    what: "button: a choice made for someone on another phone",
    where: "forged, for the broadcaster",
    send: { button: () => "as:acl-broadcaster:menu:broadcast" },
    expect: {
      rest: no("broadcast:refusal.notBroadcaster"),
      broadcaster: yes("broadcast:ask.kind"),
    },
  },
  {
    what: "button: switch to English",
    where: "",
    send: { button: () => "lang:en" },
    expect: { rest: yes("common:lang.changed") },
  },
  {
    what: "button: stop receiving broadcasts",
    where: "",
    send: { button: () => "stop:yes" },
    expect: { rest: yes("broadcast:stop.done") },
  },
  {
    what: "button: a question's answer with no question open",
    where: "stale or forged",
    send: { button: () => "d:zz9:1" },
    expect: { rest: closed },
  },
  {
    what: "button: data no feature owns",
    where: "forged",
    send: { button: () => "zz:1" },
    expect: { rest: closed },
  },
  {
    what: "/broadcasts",
    where: "with a broadcast outside (not listed)",
    fixture: "pendingOutside",
    send: { command: "/broadcasts" },
    hidden: (id) => `Tin thử ${id}»`,
    expect: {
      rest: no("broadcast:refusal.notStaff"),
      broadcaster: yes("broadcast:list.title"),
      approver: yes("broadcast:list.title"),
    },
  },
  {
    what: "typed button data as text",
    where: "forged",
    fixture: "pendingInside",
    send: { text: (id) => `bca:${id}:1` },
    expect: { rest: no("common:error.notUnderstood") },
  },
];

/** Everyone who has not joined gets the same explanation; a deactivated member, one notice. */
const UNIVERSAL: Partial<Record<Actor, Outcome>> = {
  stranger: no("common:stranger.explain"),
  inactive: no("common:error.inactive"),
};

/** One case the test runs: a person, an action, where, and what they must see. */
export interface AccessCase {
  who: Actor;
  rule: AccessRule;
  expected: Outcome;
}

/** The table expanded: every rule for every kind of person. */
export function accessCases(): AccessCase[] {
  return ACCESS_RULES.flatMap((rule) =>
    ACTORS.map((who) => ({ who, rule, expected: outcomeFor(rule, who) })),
  );
}

/** What a kind of person gets for a rule. */
export function outcomeFor(rule: AccessRule, who: Actor): Outcome {
  return UNIVERSAL[who] ?? rule.expect[who] ?? rule.expect.rest;
}

/**
 * The table as the README prints it: one row per action, one column per kind of person, ✓ for
 * allowed and ✗ with a letter for refused; the letters, after the table, name the message the
 * person gets (`text` gives a key's Vietnamese wording).
 */
export function accessTableMarkdown(text: (key: string) => string): string {
  const notes = new Map<string, string>();
  const noteOf = (key: string) => {
    const letter = notes.get(key) ?? String.fromCharCode(97 + notes.size);
    notes.set(key, letter);
    return letter;
  };
  const header = ["action", "where", ...ACTORS.map((actor) => ACTOR_NAMES[actor])];
  const rows = ACCESS_RULES.map((rule) => [
    rule.what.startsWith("/") ? `\`${rule.what}\`` : rule.what,
    rule.where,
    ...ACTORS.map((who) => {
      const outcome = outcomeFor(rule, who);
      return "allowed" in outcome ? "✓" : `✗ ${noteOf(outcome.refused)}`;
    }),
  ]);
  const widths = header.map((_, i) =>
    Math.max(3, ...[header, ...rows].map((row) => (row[i] ?? "").length)),
  );
  const line = (cells: string[]) =>
    `| ${cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(" | ")} |`;
  const divider = `| ${widths.map((width) => "-".repeat(width)).join(" | ")} |`;
  const legend = [...notes].map(([key, letter]) => `- ${letter}: “${text(key)}” (\`${key}\`)`);
  const count = `${ACCESS_RULES.length} actions × ${ACTORS.length} kinds of person × 2 platforms = ${2 * ACCESS_RULES.length * ACTORS.length} cases.`;
  return [count, "", line(header), divider, ...rows.map(line), "", ...legend].join("\n");
}
