import type { Outbox } from "../delivery/outbox.js";

/** What a feature needs of the outbox to send proactive messages: queueing them, once each. */
export type ProactiveOutbox = Pick<Outbox, "enqueueMany">;
