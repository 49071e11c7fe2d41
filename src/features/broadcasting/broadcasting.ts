import type { Outbox } from "../../delivery/outbox.js";
import type { DeliveryWorker } from "../../delivery/worker.js";
import type { Audience } from "../../domain/audience.js";
import { addressesEveryone, broadcasterGrants, grantFor } from "../../domain/audience.js";
import {
  type Broadcast,
  type BroadcastDraft,
  type BroadcastSchedule,
  runPurposeOfRecall,
} from "../../domain/broadcast.js";
import type { Member } from "../../domain/member.js";
import type { Job } from "../../jobs/job.js";
import type { AppDeps } from "../app-deps.js";
import type { Feature, MemberContext } from "../feature.js";
import type { DialogEngine, Flow } from "../member-dialogs.js";
import type { StoryPublisher } from "../stories/story-publisher.js";
import { type BroadcastEnv, unitTreeOf } from "./broadcast-env.js";
import { broadcastFeature } from "./broadcast-feature.js";
import { finishRecallOf, recoverRecalls } from "./broadcast-recall.js";
import { finishRunOf, fireDue, recoverRuns } from "./broadcast-runs.js";
import { type SubmitResult, submitBroadcast } from "./broadcast-service.js";
import type { StoryForBroadcast } from "./composer-data.js";
import { COMPOSER_FLOW_ID, composerFlow } from "./composer-flow.js";
import { rejectFlow } from "./reject-flow.js";
import { broadcastStoryPublisher } from "./story-publishing.js";

export type { StoryForBroadcast } from "./composer-data.js";

/** How often the schedule job looks for due broadcasts (node-cron, every minute). */
const EVERY_MINUTE = "* * * * *";

/** A story to broadcast without the composer: its audience and schedule chosen by the caller. */
export interface StoryBroadcastRequest {
  story: StoryForBroadcast;
  /** Default: every organisation the author speaks for, in the scope of their grants. */
  audience?: Audience;
  /** Default: as soon as approved. */
  schedule?: BroadcastSchedule;
  urgent?: boolean;
}

/** Broadcasting as the composition root wires it. */
export interface Broadcasting {
  env: BroadcastEnv;
  /** The composer and the approver's reject flow, for the dialog engine. */
  flows: Flow<unknown>[];
  /** `/broadcast`, `/broadcasts`, `/stop`, and the approval and management buttons. */
  feature(engine: DialogEngine): Feature;
  /** Fires scheduled and weekly broadcasts when due (and, at start, those missed while down). */
  jobs: Job[];
  /**
   * Follows the delivery worker (call once it has started): each broadcast run that ends is
   * closed with its counts and reported to its author; runs a crash interrupted are resumed.
   */
  attach(worker: DeliveryWorker): Promise<() => void>;
  /** Submits a broadcast as the composer does (scope checked, then approval or sending). */
  submit(author: Member, draft: BroadcastDraft): Promise<SubmitResult>;
  /** Submits a library story as a broadcast, checked and approved like any other. */
  submitStory(author: Member, request: StoryBroadcastRequest): Promise<SubmitResult>;
  /** Calls `listener` after every stored change of a broadcast; returns the unsubscribe. */
  onChange(listener: (broadcast: Broadcast) => void): () => void;
  /** The library's way to publish stories as broadcasts and follow them. */
  storyPublisher: StoryPublisher;
  /** Opens the composer on a story (its content written; the author picks audience and time). */
  composeStory(engine: DialogEngine, ctx: MemberContext, story: StoryForBroadcast): Promise<void>;
}

/** Builds broadcasting over the app's dependencies and its outbox; no side effects until used. */
export function createBroadcasting(deps: AppDeps, outbox: Outbox): Broadcasting {
  const env: BroadcastEnv = { deps, outbox, observers: new Set() };
  return {
    env,
    flows: [composerFlow(env), rejectFlow(env)] as Flow<unknown>[],
    feature: (engine) => broadcastFeature(env, engine),
    jobs: [
      {
        name: "broadcasts",
        schedules: [EVERY_MINUTE],
        catchUpWindowMs: 5 * 60_000,
        run: async () => {
          await fireDue(env);
        },
      },
    ],
    attach: async (worker) => {
      const unsubscribe = worker.onPurposeDone((purpose, progress, durationMs) => {
        if (purpose.startsWith("broadcast:")) {
          finishRunOf(env, purpose, progress, durationMs).catch((error: unknown) =>
            deps.logger.error({ err: error, purpose }, "broadcast: could not close a run"),
          );
        } else if (runPurposeOfRecall(purpose)) {
          finishRecallOf(env, purpose, progress).catch((error: unknown) =>
            deps.logger.error({ err: error, purpose }, "broadcast: could not close a recall"),
          );
        }
      });
      await recoverRuns(env);
      await recoverRecalls(env);
      return unsubscribe;
    },
    submit: (author, draft) => submitBroadcast(env, author, draft),
    submitStory: async (author, request) => {
      const audience = request.audience ?? (await defaultAudience(env, author));
      return submitBroadcast(env, author, {
        kind: "story",
        title: request.story.title,
        text: request.story.text,
        ...(request.story.photo ? { photo: request.story.photo } : {}),
        storyId: request.story.id,
        audience,
        schedule: request.schedule ?? { kind: "now" },
        urgent: request.urgent ?? false,
      });
    },
    onChange: (listener) => {
      env.observers.add(listener);
      return () => env.observers.delete(listener);
    },
    storyPublisher: broadcastStoryPublisher(env),
    composeStory: (engine, ctx, story) => engine.start(ctx, COMPOSER_FLOW_ID, { story }),
  };
}

/**
 * Everyone the author may reach: each organisation they speak for, in the widest unit of its
 * grants (an ended one is refused at submission, naming its successor). The Fatherland Front speaks to everyone there; a mass organisation
 * to its own members.
 */
async function defaultAudience(env: BroadcastEnv, author: Member): Promise<Audience> {
  const grants = broadcasterGrants(author);
  const tree = await unitTreeOf(env.deps.store);
  const orgIds = [...new Set(grants.flatMap((g) => g.orgIds))];
  // Units every organisation reaches: a grant's unit covered for all of them.
  const areaIds = [...new Set(grants.map((g) => g.unitId))].filter((unit) =>
    orgIds.every((org) => grantFor(grants, org, unit, tree) !== undefined),
  );
  const orgs = await Promise.all(orgIds.map((id) => env.deps.store.organisations.get(id)));
  const among = addressesEveryone(orgs.filter((org) => org !== undefined))
    ? "everyone"
    : "org-members";
  return { orgIds, areaIds, roles: [], among };
}
