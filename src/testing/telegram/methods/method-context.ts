import type { EmulatorState } from "../emulator-state.js";
import type { MethodParams } from "../params.js";

/** What a Bot API method implementation gets for one call. */
export interface MethodContext {
  /** The call's parameters. */
  params: MethodParams;
  /** The emulated Telegram. */
  state: EmulatorState;
  /** Aborted when the client goes away (long polls stop waiting). */
  signal: AbortSignal;
}

/** One Bot API method: returns `result` or throws TelegramApiError. */
export type MethodHandler = (ctx: MethodContext) => unknown;
