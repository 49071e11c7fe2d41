import { createMemberQueue } from "../dialog/member-queue.js";
import type { Router } from "./router.js";

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

/** The router, handling each chat's updates one after another here and on every instance. */
export function takingTurns(router: Router, lock: ChatLock): Router {
  const inTurn = createMemberQueue();
  return {
    handle(inbound, reply) {
      const key = `${inbound.channel}:${inbound.chatId}`;
      return inTurn(key, () => lock.hold(key, () => router.handle(inbound, reply)));
    },
  };
}
