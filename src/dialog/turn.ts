import type { StoredPhoto } from "../domain/report.js";
import type { Translate } from "../i18n.js";
import type { Logger } from "../logger.js";
import type { Inbound } from "../messaging/inbound.js";
import type { OutboundFile } from "../messaging/outbound.js";
import type { Reply } from "../messaging/reply.js";
import type { DialogRepository } from "../store/dialog-repository.js";

/**
 * One message from a member, as the dialog engine needs it. The engine declares this itself
 * (rather than taking a feature's context) so that it depends on no use case; a feature's
 * richer context satisfies it and reaches its flows unchanged.
 */
export interface DialogTurn {
  inbound: Inbound;
  member: { id: string };
  reply: Reply;
  /** Translate in the member's language. */
  t: Translate;
}

/** What the dialog engine needs from outside, passed in. */
export interface DialogDeps {
  /** Where drafts are kept, so a restart resumes at the same step. */
  drafts: DialogRepository;
  now: () => Date;
  random: () => number;
  logger: Logger;
  /** The bytes of a stored photo shown above a step (a preview); throws when it is gone. */
  loadPhoto(photo: StoredPhoto): Promise<OutboundFile>;
}
