import { z } from "zod";
import { conflict } from "../api-error.js";
import type { MethodHandler } from "./method-context.js";

const allowedUpdatesSchema = z.array(z.string());

/** getUpdates: long polling with offset, limit, timeout and allowed_updates; 409 while a webhook is set. */
const getUpdates: MethodHandler = ({ params, state, signal }) => {
  if (state.webhook.config) {
    throw conflict(
      "can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
    );
  }
  const limit = Math.min(100, Math.max(1, params.integer("limit") ?? 100));
  return state.updates.poll(
    {
      offset: params.integer("offset"),
      limit,
      timeoutSeconds: Math.max(0, params.integer("timeout") ?? 0),
      allowedUpdates: params.json(
        "allowed_updates",
        allowedUpdatesSchema,
        "can't parse allowed_updates JSON object",
      ),
    },
    signal,
  );
};

/** setWebhook: an empty url removes it; otherwise updates are pushed there from now on. */
const setWebhook: MethodHandler = ({ params, state }) => {
  const url = params.string("url") ?? "";
  const allowedUpdates = params.json(
    "allowed_updates",
    allowedUpdatesSchema,
    "can't parse allowed_updates JSON object",
  );
  if (params.boolean("drop_pending_updates")) state.updates.dropPending();
  if (allowedUpdates !== undefined) state.updates.setAllowedUpdates(allowedUpdates);
  if (url === "") {
    state.webhook.clear();
    return true;
  }
  state.webhook.set({
    url,
    secretToken: params.string("secret_token"),
    maxConnections: params.integer("max_connections") ?? 40,
  });
  state.updates.terminatePoller(conflict("terminated by setWebhook request"));
  return true;
};

/** deleteWebhook: back to getUpdates, optionally dropping what was waiting. */
const deleteWebhook: MethodHandler = ({ params, state }) => {
  if (params.boolean("drop_pending_updates")) state.updates.dropPending();
  state.webhook.clear();
  return true;
};

/** getWebhookInfo: the webhook, the backlog and the last delivery error. */
const getWebhookInfo: MethodHandler = ({ state }) => {
  const config = state.webhook.config;
  const allowed = state.updates.allowedUpdates;
  return {
    url: config?.url ?? "",
    has_custom_certificate: false,
    pending_update_count: state.updates.pendingCount,
    ...(config ? { max_connections: config.maxConnections, ip_address: "127.0.0.1" } : {}),
    ...(state.webhook.lastErrorDate !== undefined
      ? {
          last_error_date: state.webhook.lastErrorDate,
          last_error_message: state.webhook.lastErrorMessage,
        }
      : {}),
    ...(allowed ? { allowed_updates: allowed } : {}),
  };
};

/** The update-delivery methods by name. */
export const updateMethods: Record<string, MethodHandler> = {
  getUpdates,
  setWebhook,
  deleteWebhook,
  getWebhookInfo,
};
