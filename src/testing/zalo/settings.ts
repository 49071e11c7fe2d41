/** How the emulator behaves; every setting can be changed while it runs (`configure`). */
export interface ZaloEmulatorSettings {
  /**
   * How errors are answered, since Zalo does not document it: `http-status` (HTTP status =
   * error_code, JSON body), `ok-false` (HTTP 200, `ok:false`), or `http-status-no-json` (the
   * status with a plain-text body, as a proxy in front of Zalo might answer).
   */
  errorStyle: "http-status" | "ok-false" | "http-status-no-json";
  /** Webhook bodies wrapped as `{ok:true,result}` (Zalo's usual shape) or bare. */
  webhookBody: "wrapped" | "bare";
  /**
   * Sending to a chat whose user never wrote to the bot: `reject` (400, as Zalo does) or
   * `accept`.
   */
  unknownChat: "reject" | "accept";
  /** Write all-digit user and bot ids as bare JSON numbers, to prove nobody rounds them. */
  bareNumericIds: boolean;
  /** Which field of an image update holds its URL; Zalo has used both. */
  imageField: "photo_url" | "photo";
  /** The long-poll wait when getUpdates sends no `timeout` (Zalo: 30 s; short here for tests). */
  pollTimeoutSeconds: number;
  /** An upper bound on any long-poll wait, whatever `timeout` asks for. */
  maxPollWaitMs: number;
  /**
   * Check that a sendPhoto URL serves an image. Only loopback URLs are ever fetched; others are
   * recorded unchecked.
   */
  verifyPhotos: boolean;
  /**
   * Messages per second the bot may send across all chats (a sliding one-second window, real
   * time); beyond it a send is answered 429 and not delivered. `false`: no limit.
   */
  sendRate: { perSecond: number } | false;
}

/** The settings a new emulator starts with. */
export const DEFAULT_EMULATOR_SETTINGS: ZaloEmulatorSettings = {
  errorStyle: "http-status",
  webhookBody: "wrapped",
  unknownChat: "reject",
  bareNumericIds: false,
  imageField: "photo_url",
  pollTimeoutSeconds: 1,
  maxPollWaitMs: Number.POSITIVE_INFINITY,
  verifyPhotos: false,
  sendRate: false,
};
