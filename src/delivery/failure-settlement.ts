import { localDate } from "../domain/local-time.js";
import type { Channel } from "../domain/member.js";
import type { SendFailure } from "../messaging/sender.js";
import type { OutboxItem, OutboxOutcome, OutboxRetry } from "../store/outbox-repository.js";
import { type AttemptEnv, type AttemptOutcome, runningChannels } from "./attempt-env.js";
import { chooseRecipient } from "./recipient.js";

/** What a failed call needs to settle its item: where it went, and how to end or release it. */
export interface FailureContext {
  item: OutboxItem;
  channel: Channel;
  chatId: string;
  partsDone: number;
  env: AttemptEnv;
  release: (retry: OutboxRetry, outcome: AttemptOutcome) => Promise<AttemptOutcome>;
  finish: (outcome: OutboxOutcome) => Promise<AttemptOutcome>;
}

/**
 * Turns a platform's failure into the item's next state: a passing one retried with backoff
 * (until the attempts and the time allowed run out), an unreachable chat marked (another
 * channel of the member tried when nothing went out yet), a refusal counted and failed.
 */
export async function settleFailure(
  failure: SendFailure,
  ctx: FailureContext,
): Promise<AttemptOutcome> {
  const { item, channel, chatId, env } = ctx;
  const now = env.now();
  const log = { key: item.key, channel, failure };
  switch (failure.kind) {
    case "rate-limited":
    case "transient": {
      const reason = failure.kind === "transient" ? failure.reason : "rate-limited";
      const attempts = item.attempts + 1;
      const tryingForMs = now.getTime() - Date.parse(item.firstClaimedAt ?? now.toISOString());
      if (attempts >= env.maxAttempts && tryingForMs >= env.retryForMs) {
        env.logger.warn({ ...log, attempts }, "delivery: giving up after repeated errors");
        return ctx.finish({ state: "failed", reason: `transient: ${reason}` });
      }
      const delay = backoffMs(attempts, env);
      env.logger.info({ ...log, attempts, delayMs: delay }, "delivery: will retry");
      const notBefore = new Date(now.getTime() + delay).toISOString();
      return ctx.release({ notBefore, attempts, reason }, "retry");
    }
    case "unreachable": {
      const updated = await env.store.members.markUnreachable(
        item.memberId,
        channel,
        chatId,
        failure.reason,
        now.toISOString(),
      );
      env.logger.info(log, "delivery: chat unreachable; marked, never retried there");
      // Nothing of this message reached that chat: another channel of the member may still work.
      if (ctx.partsDone === 0 && chooseRecipient(updated, runningChannels(env)).kind === "chat") {
        return ctx.release(
          {
            notBefore: now.toISOString(),
            attempts: item.attempts,
            reason: failure.reason,
            clearChannel: true,
          },
          "retry",
        );
      }
      return ctx.finish({ state: "blocked", reason: failure.reason });
    }
    case "permanent": {
      const threshold = env.lanes.get(channel)?.channel.unreachableAfterFailureDays;
      const counted = threshold
        ? await env.store.members.recordFailureDay(item.memberId, {
            channel,
            chatId,
            day: localDate(now, env.timeZone),
            threshold,
            reason: failure.reason,
            at: now.toISOString(),
          })
        : undefined;
      if (counted?.unreachable) {
        env.logger.info(
          { ...log, threshold },
          "delivery: failed on separate days; chat marked unreachable",
        );
      }
      env.logger.warn(log, "delivery: the platform refused the message");
      return ctx.finish({ state: "failed", reason: failure.reason });
    }
  }
}

/** Exponential backoff from the configured base, capped, with ±20% jitter so retries spread. */
function backoffMs(attempts: number, env: AttemptEnv): number {
  const base = Math.min(env.maxRetryDelayMs, env.retryBaseMs * 2 ** (attempts - 1));
  return Math.round(base * (0.8 + 0.4 * env.random()));
}
