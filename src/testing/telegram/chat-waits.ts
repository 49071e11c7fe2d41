import type { ChatStore } from "./chat-store.js";

/**
 * Resolves with the first defined answer of `check`, evaluated now and again after every chat
 * event (no polling); rejects after `timeoutMs` with the text `explain()` gives.
 */
export function waitForChats<T>(
  chats: ChatStore,
  check: () => T | undefined,
  timeoutMs: number,
  explain: () => string,
): Promise<T> {
  const now = check();
  if (now !== undefined) return Promise.resolve(now);
  return new Promise((resolve, reject) => {
    const stop = chats.onEvent(() => {
      const found = check();
      if (found === undefined) return;
      clearTimeout(timer);
      stop();
      resolve(found);
    });
    const timer = setTimeout(() => {
      stop();
      reject(new Error(explain()));
    }, timeoutMs);
  });
}
