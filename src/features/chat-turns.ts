import { createMemberQueue } from "../dialog/member-queue.js";
import type { Logger } from "../logger.js";
import type { ClaimRepository } from "../store/coordination-repositories.js";
import type { Router } from "./router.js";

/** How long a handled update is remembered, to drop one handed again. */
export const UPDATE_MEMORY_MS = 48 * 3600_000;

/**
 * One update at a time per chat across every instance on one database: a chat's updates may
 * reach different instances (a load balancer), and must not be handled at once or overtake
 * each other there.
 */
export interface ChatLock {
  /**
   * Runs `work` while holding `key` against other instances. Within one process the caller
   * holds a key once at a time (see `takingTurns`).
   */
  hold<T>(key: string, work: () => Promise<T>): Promise<T>;
}

/** What taking turns needs: the handled updates, and the lock shared with other instances. */
export interface Turns {
  claims: ClaimRepository;
  now(): Date;
  logger: Logger;
  /** Absent when this process is the only one: its own queue per chat is the turn. */
  lock?: ChatLock;
}

/**
 * The router, handling each chat's updates one after another (on every instance, given the
 * lock) and each update once. A platform hands an update again when it did not hear that it
 * was handled (a webhook cut short or timed out, a poll after a crash); one handled to the end
 * is dropped, one cut short is handled again. That check is made in the chat's turn: a copy
 * that came while the first was still being handled waits for it and then finds it handled,
 * where a check before waiting would let the copy through, to be read after the chat's next
 * update as a new answer (a button pressed twice, a question answered out of turn).
 */
export function takingTurns(router: Router, turns: Turns): Router {
  const inTurn = createMemberQueue();
  const { claims, now, logger, lock } = turns;
  const hold = <T>(key: string, work: () => Promise<T>) => (lock ? lock.hold(key, work) : work());
  return {
    handle(inbound, reply) {
      const chat = `${inbound.channel}:${inbound.chatId}`;
      const update = `${inbound.channel}:update:${inbound.updateId}`;
      return inTurn(chat, () =>
        hold(chat, async () => {
          if (await claims.has(update, now().toISOString())) {
            logger.info(
              { channel: inbound.channel, updateId: inbound.updateId },
              "duplicate update dropped",
            );
            return;
          }
          await router.handle(inbound, reply);
          await claims.claim(update, now().toISOString(), UPDATE_MEMORY_MS);
        }),
      );
    },
  };
}
