import type { Logger } from "../../logger.js";
import type { HttpRoute } from "../http-server.js";
import { parseZaloJson } from "./json.js";
import { isZaloUpdateError, parseZaloUpdate, type ZaloUpdate } from "./update.js";
import { hasZaloSecret } from "./webhook-secret.js";

/** The path Zalo posts updates to in webhook mode. */
export const ZALO_WEBHOOK_PATH = "/zalo/webhook";

/**
 * `POST /zalo/webhook`: checks `X-Bot-Api-Secret-Token` in constant time (401 otherwise,
 * nothing handled), reads the body keeping long ids exact, wrapped `{ok,result}` or bare,
 * and hands the update on. A body that is not JSON is refused with 400; JSON that is not a
 * readable update is logged (its reason only, never its content) and skipped with 200, so Zalo
 * does not send it again and again.
 * Answers 503 once the channel is stopping.
 */
export function zaloWebhookRoute(
  secret: string,
  handle: (update: ZaloUpdate) => Promise<void> | undefined,
  logger: Logger,
): HttpRoute {
  return {
    method: "POST",
    path: ZALO_WEBHOOK_PATH,
    admits: (req) => hasZaloSecret(req.headers, secret),
    async handle(req, body, res) {
      if (!hasZaloSecret(req.headers, secret)) {
        logger.warn("zalo webhook call with a wrong or missing secret");
        res.writeHead(401).end();
        return;
      }
      let parsed: unknown;
      try {
        parsed = parseZaloJson(body.toString("utf8"));
      } catch {
        // Not JSON at all: no platform sends that, so it is a caller's mistake to be told.
        logger.warn({ bytes: body.length }, "zalo webhook body is not JSON; refused");
        res.writeHead(400).end();
        return;
      }
      const update = parseZaloUpdate(parsed);
      if (isZaloUpdateError(update)) {
        logger.warn(
          { reason: update.error },
          "zalo webhook body is not a readable update; skipped",
        );
        res.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}');
        return;
      }
      const handling = handle(update);
      if (!handling) {
        res.writeHead(503).end();
        return;
      }
      await handling;
      res.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}');
    },
  };
}
