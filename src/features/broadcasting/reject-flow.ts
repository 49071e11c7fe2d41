import type { Flow } from "../member-dialogs.js";
import type { BroadcastEnv } from "./broadcast-env.js";
import { decideBroadcast } from "./broadcast-service.js";

/** The id of the flow that asks an approver why they reject a broadcast. */
export const REJECT_FLOW_ID = "broadcast-reject";

/** The longest reason an approver may give. */
const MAX_REASON = 500;

/** What the reject flow is started with: the broadcast and the version the approver saw. */
export interface RejectContext {
  id: string;
  version: number;
}

function rejectContext(context: Record<string, unknown>): RejectContext {
  return { id: String(context.id ?? ""), version: Number(context.version ?? 0) };
}

/**
 * Rejecting as a one-question flow: the approver types the reason (the author is told it),
 * then the rejection is checked again (scope, version, not their own) and stored.
 */
export function rejectFlow(env: BroadcastEnv): Flow<RejectContext> {
  return {
    id: REJECT_FLOW_ID,
    restart: { key: "broadcast:rejectRestart" },
    load: async (_ctx, context) => rejectContext(context),
    steps: ({ data }) => [
      {
        id: "reason",
        prompt: [{ key: "broadcast:ask.reason", params: { id: data.id, max: MAX_REASON } }],
        input: { kind: "text", maxLength: MAX_REASON },
        next: () => ({ end: "finish" }),
      },
    ],
    route: () => "reason",
    finish: async ({ ctx, data, answers }) => {
      const reason = String(answers.reason ?? "");
      const result = await decideBroadcast(env, ctx.member, data.id, data.version, {
        approve: false,
        reason,
      });
      if (!result.ok) {
        return {
          kind: "refused",
          reason: { key: `broadcast:refusal.${result.reason}` },
          keepDraft: false,
        };
      }
      return {
        kind: "done",
        message: { text: ctx.t("broadcast:decided.rejected", { id: data.id }) },
      };
    },
  };
}
