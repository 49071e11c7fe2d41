import type { Answers, Next, Option, Step, Text } from "../../dialog/flow.js";
import { poolOf } from "../../domain/audience.js";
import {
  CONSENT_STATES,
  MAX_STORY_TEXT,
  MAX_STORY_TITLE,
  publicationRefusal,
} from "../../domain/story.js";
import type { WeekKey } from "../../domain/week.js";
import {
  criterionLabel,
  organisationLabel,
  organisationMembersLabel,
  unitInlineLabel,
  unitLabel,
} from "../../reference/labels.js";
import { channelCountsText } from "../../render/channel-counts.js";
import { formatWeek } from "../../render/format.js";
import { labelText } from "../label-text.js";
import type { FlowEnv } from "../member-dialogs.js";
import { placeOf } from "./story-card.js";
import { MENU_ACTION, STORY_STEP, type StoryEditData } from "./story-edit-data.js";

/**
 * The steps of taking up a nomination: a menu showing the story as it stands (title, text,
 * photo, consent, tags) with what can be done to it; one step per thing to change; then, to
 * publish, the organisation and area it goes to and a last confirmation.
 */
export function storyEditSteps(env: FlowEnv<StoryEditData>): Step[] {
  const { data, ctx } = env;
  // A story taken up by someone else meanwhile has nothing left to ask: the finish says why.
  if (data.refusal) return [];
  const back = () => STORY_STEP.menu;
  return [
    {
      id: STORY_STEP.menu,
      prompt: [...storyLines(env), { key: "stories:edit.ask" }],
      input: { kind: "choice", options: menuOptions() },
      next: (a) => afterMenu(data, a),
    },
    {
      id: STORY_STEP.title,
      prompt: [
        { key: "stories:edit.askTitle", params: { max: MAX_STORY_TITLE } },
        { key: "stories:edit.current", params: { value: data.edited?.title ?? "" } },
      ],
      input: { kind: "text", maxLength: MAX_STORY_TITLE },
      next: back,
    },
    {
      id: STORY_STEP.text,
      prompt: [{ key: "stories:edit.askText", params: { max: MAX_STORY_TEXT } }],
      input: { kind: "text", maxLength: MAX_STORY_TEXT },
      next: back,
    },
    {
      id: STORY_STEP.consent,
      prompt: [{ key: "stories:edit.askConsent" }],
      input: {
        kind: "choice",
        options: CONSENT_STATES.map((state) => ({
          value: state,
          label: { key: `stories:consent.option.${state}` },
        })),
      },
      next: back,
    },
    {
      id: STORY_STEP.tags,
      prompt: [{ key: "stories:edit.askTags" }],
      input: {
        kind: "multi-choice",
        options: data.criteria.map((c) => ({
          value: c.id,
          label: labelText("criterion", c.id, c.name),
        })),
      },
      next: back,
    },
    {
      id: STORY_STEP.org,
      prompt: [{ key: "stories:edit.askOrg" }],
      input: {
        kind: "choice",
        options: data.orgs.map((o) => ({ value: o.id, label: labelText("org", o.id, o.name) })),
      },
      next: () => (data.areas.length > 1 ? STORY_STEP.area : STORY_STEP.confirm),
    },
    {
      id: STORY_STEP.area,
      prompt: [{ key: "stories:edit.askArea" }],
      input: {
        kind: "choice",
        options: data.areas.map((u) => ({
          value: u.id,
          label: { key: "stories:edit.area", params: { area: unitLabel(ctx.t, u) } },
        })),
      },
      next: () => STORY_STEP.confirm,
    },
    {
      id: STORY_STEP.confirm,
      prompt: confirmLines(env),
      input: {
        kind: "choice",
        options: [
          {
            value: "send",
            label: {
              key: ctx.deps.config.broadcastApproval
                ? "stories:confirm.sendForApproval"
                : "stories:confirm.send",
            },
          },
          ...(data.orgs.length > 1 || data.areas.length > 1
            ? [{ value: "audience", label: { key: "stories:confirm.changeAudience" } }]
            : []),
          { value: "back", label: { key: "stories:confirm.back" } },
        ],
      },
      next: (a) => {
        const choice = a[STORY_STEP.confirm];
        if (choice === "send") return { end: "finish" };
        if (choice !== "audience") return STORY_STEP.menu;
        return data.orgs.length > 1 ? STORY_STEP.org : STORY_STEP.area;
      },
    },
    {
      id: STORY_STEP.setAside,
      prompt: [{ key: "stories:edit.askSetAside" }],
      input: {
        kind: "confirm",
        yes: { key: "stories:edit.setAsideYes" },
        no: { key: "stories:edit.setAsideNo" },
      },
      next: (a) => (a[STORY_STEP.setAside] === true ? { end: "finish" } : STORY_STEP.menu),
    },
  ];
}

/** Where the menu leads: a thing to change, the audience, or the end. */
function afterMenu(data: StoryEditData, answers: Answers): Next {
  const action = String(answers[STORY_STEP.menu]);
  if (action === MENU_ACTION.later) return { end: "finish" };
  if (action === MENU_ACTION.setAside) return STORY_STEP.setAside;
  if (action !== MENU_ACTION.submit) return action;
  // Refusals (no consent, nothing to publish for) are given by the finish, which keeps the draft.
  if (!data.edited || publicationRefusal(data.edited)) return { end: "finish" };
  if (!data.org) return data.orgs.length > 1 ? STORY_STEP.org : { end: "finish" };
  if (!data.area) return data.areas.length > 1 ? STORY_STEP.area : { end: "finish" };
  return STORY_STEP.confirm;
}

function menuOptions(): Option[] {
  const option = (value: string, key: string): Option => ({ value, label: { key } });
  return [
    option(STORY_STEP.title, "stories:menu.title"),
    option(STORY_STEP.text, "stories:menu.text"),
    option(STORY_STEP.consent, "stories:menu.consent"),
    option(STORY_STEP.tags, "stories:menu.tags"),
    option(MENU_ACTION.submit, "stories:menu.submit"),
    option(MENU_ACTION.later, "stories:menu.later"),
    option(MENU_ACTION.setAside, "stories:menu.setAside"),
  ];
}

/** The story as the broadcaster's edits leave it, line by line. */
function storyLines(env: FlowEnv<StoryEditData>): Text[] {
  const { data, ctx } = env;
  const story = data.edited ?? data.story;
  if (!story) return [];
  const week = story.reportId?.split("@")[1];
  const lines: Text[] = [
    {
      key: "stories:edit.header",
      params: { id: story.id, place: placeOf(data.card, story.unitId) },
    },
  ];
  if (week && /^\d{4}-W\d{2}$/.test(week)) {
    lines.push({
      key: "stories:edit.fromReport",
      params: { week: formatWeek(ctx.locale, week as WeekKey) },
    });
  }
  const tags = data.criteria
    .filter((c) => story.criterionIds.includes(c.id))
    .map((c) => criterionLabel(ctx.t, c));
  lines.push(
    { key: "stories:edit.title", params: { title: story.title } },
    { key: "stories:edit.text", params: { text: story.text } },
    { key: story.photo ? "stories:edit.photo" : "stories:edit.noPhoto" },
    { key: `stories:consent.state.${story.consent}` },
    tags.length > 0
      ? { key: "stories:edit.tags", params: { tags: tags.join(", ") } }
      : { key: "stories:edit.noTags" },
  );
  return lines;
}

/** The last step: who the story goes to, how many they are, and whether it needs approval. */
function confirmLines(env: FlowEnv<StoryEditData>): Text[] {
  const { data, ctx } = env;
  if (!data.edited || !data.org || !data.area) return [{ key: "stories:confirm.incomplete" }];
  const area = unitInlineLabel(ctx.t, ctx.locale, data.area);
  const org = organisationLabel(ctx.t, data.org);
  const toEveryone = data.audience && poolOf(data.audience) === "everyone";
  return [
    toEveryone
      ? { key: "stories:confirm.audienceEveryone", params: { title: data.edited.title, area } }
      : {
          key: "stories:confirm.audience",
          params: {
            title: data.edited.title,
            members: organisationMembersLabel(
              ctx.t,
              data.org,
              ctx.t("broadcast:who.membersOf", { org }),
            ),
            area,
          },
        },
    {
      key: "stories:confirm.reach",
      params: {
        total: data.reach?.total ?? 0,
        channels: channelCountsText(
          ctx.t,
          ctx.locale,
          ctx.deps.channels,
          data.reach?.byChannel ?? new Map(),
        ),
      },
    },
    {
      key: ctx.deps.config.broadcastApproval
        ? "stories:confirm.approvalNeeded"
        : "stories:confirm.noApproval",
    },
  ];
}
