import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { TelegramApiError } from "./api-error.js";
import type { CallClient, DispatchResult, MethodDispatcher } from "./dispatcher.js";
import type { EmulatorState } from "./emulator-state.js";
import { decodeRequestBody, readRawBody } from "./request-body.js";

const METHOD_PATH = /^\/bot([^/]+)\/([^/?]+)$/;
const FILE_PATH = /^\/file\/bot([^/]+)\/(.+)$/;

/** The emulator's HTTP front: `/bot<token>/<method>` calls and `/file/bot<token>/<path>` downloads. */
export function createEmulatorServer(state: EmulatorState, dispatcher: MethodDispatcher): Server {
  return createServer((request, response) => {
    handle(state, dispatcher, request, response).catch((error: unknown) => {
      // Never leave a client hanging on an emulator bug.
      if (!response.headersSent) {
        const description = `Internal Server Error: ${error instanceof Error ? error.message : String(error)}`;
        send(response, {
          kind: "answer",
          status: 500,
          contentType: "application/json",
          body: JSON.stringify({ ok: false, error_code: 500, description }),
        });
      } else response.destroy();
    });
  });
}

async function handle(
  state: EmulatorState,
  dispatcher: MethodDispatcher,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const { pathname, query } = splitTarget(request.url ?? "/");
  const file = FILE_PATH.exec(pathname);
  if (file) {
    serveFile(state, file[1] as string, decodeURIComponent(file[2] as string), response);
    return;
  }
  const call = METHOD_PATH.exec(pathname);
  const raw = await readRawBody(request);
  if (!call) {
    send(response, envelope(new TelegramApiError(404, "Not Found")));
    return;
  }
  const [, token, method] = call as unknown as [string, string, string];
  if (decodeURIComponent(token) !== state.token) {
    send(response, dispatcher.refuse(method, new TelegramApiError(401, "Unauthorized")));
    return;
  }
  let body: ReturnType<typeof decodeRequestBody>;
  try {
    body = decodeRequestBody(request.headers["content-type"], raw, new URLSearchParams(query));
  } catch (error) {
    if (!(error instanceof TelegramApiError)) throw error;
    send(response, dispatcher.refuse(method, error));
    return;
  }
  const result = await dispatcher.dispatch(method, body, new HttpClient(response), "http");
  if (result.kind === "reset") {
    request.socket.destroy();
    return;
  }
  send(response, result);
}

/**
 * The client of an HTTP call. Its abort signal is made only when a call asks for it (a long
 * poll): an abort controller for every call was a tenth of the emulator's work per send on the
 * broadcast ceiling, where it shares the machine with the bot it measures.
 */
class HttpClient implements CallClient {
  gone = false;
  private controller: AbortController | undefined;

  constructor(response: ServerResponse) {
    response.on("close", () => {
      if (response.writableEnded) return;
      this.gone = true;
      this.controller?.abort();
    });
  }

  get signal(): AbortSignal {
    if (!this.controller) {
      this.controller = new AbortController();
      if (this.gone) this.controller.abort();
    }
    return this.controller.signal;
  }
}

/** A request target's path and query string, split without building a URL per call. */
function splitTarget(target: string): { pathname: string; query: string } {
  const mark = target.indexOf("?");
  return mark < 0
    ? { pathname: target, query: "" }
    : { pathname: target.slice(0, mark), query: target.slice(mark + 1) };
}

function serveFile(
  state: EmulatorState,
  token: string,
  path: string,
  response: ServerResponse,
): void {
  if (token !== state.token) {
    send(response, envelope(new TelegramApiError(401, "Unauthorized")));
    return;
  }
  const stored = state.files.atPath(path);
  if (!stored) {
    send(response, envelope(new TelegramApiError(404, "Not Found")));
    return;
  }
  response.writeHead(200, {
    "content-type": stored.mimeType ?? "application/octet-stream",
    "content-length": stored.bytes.length,
  });
  response.end(stored.bytes);
}

function envelope(error: TelegramApiError): DispatchResult {
  return {
    kind: "answer",
    status: error.errorCode,
    contentType: "application/json",
    body: JSON.stringify(error.toEnvelope()),
  };
}

function send(response: ServerResponse, result: DispatchResult): void {
  if (result.kind === "reset") {
    response.destroy();
    return;
  }
  if (response.destroyed) return;
  response.writeHead(result.status, {
    "content-type": result.contentType,
    "content-length": Buffer.byteLength(result.body),
  });
  response.end(result.body);
}
