import type { ChatStore } from "./chat-store.js";

/**
 * Resolves with the first defined answer of `check`, evaluated now and again after every chat
 * event (no polling); rejects after `timeoutMs` with the text `explain()` gives. An answer found
 * on an event is handed over on the next macrotask, once the emulator has finished the call that
 * caused it (logged it, answered the client), so tests see a consistent state.
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
      setImmediate(() => resolve(found));
    });
    const timer = setTimeout(() => {
      stop();
      reject(new Error(explain()));
    }, timeoutMs);
  });
}
