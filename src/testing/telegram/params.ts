import type { z } from "zod";
import { badRequest } from "./api-error.js";
import type { UploadedFile } from "./multipart.js";
import type { RequestBody } from "./request-body.js";

/** Where a file parameter points: a fresh upload, a file already on the server, or a URL. */
export type InputFileRef =
  | { kind: "upload"; file: UploadedFile }
  | { kind: "file_id"; fileId: string }
  | { kind: "url"; url: string };

/**
 * Typed access to a method's parameters whatever the encoding: form bodies carry every
 * value as a string (objects as JSON text), JSON bodies carry native values.
 */
export class MethodParams {
  constructor(private readonly body: RequestBody) {}

  /** All fields as received, for the call log. */
  get fields(): Record<string, unknown> {
    return this.body.fields;
  }

  /** Whether the parameter was given at all. */
  has(name: string): boolean {
    const value = this.body.fields[name];
    return value !== undefined && value !== null;
  }

  /** A string parameter; numbers are accepted as their decimal text. */
  string(name: string): string | undefined {
    const value = this.body.fields[name];
    if (value === undefined || value === null) return undefined;
    if (typeof value === "string") return value;
    if (typeof value === "number" || typeof value === "boolean") return String(value);
    throw badRequest(`field "${name}" must be of type String`);
  }

  /** An integer parameter, from a number or its decimal text. */
  integer(name: string): number | undefined {
    const value = this.body.fields[name];
    if (value === undefined || value === null || value === "") return undefined;
    const number = typeof value === "number" ? value : Number(value);
    if (!Number.isInteger(number)) throw badRequest(`field "${name}" must be an Integer`);
    return number;
  }

  /** A boolean parameter, from a boolean or the text "true"/"false". */
  boolean(name: string): boolean | undefined {
    const value = this.body.fields[name];
    if (value === undefined || value === null) return undefined;
    if (typeof value === "boolean") return value;
    if (value === "true" || value === "1") return true;
    if (value === "false" || value === "0" || value === "") return false;
    throw badRequest(`field "${name}" must be of type Boolean`);
  }

  /** `chat_id`: an integer, or an `@username` text; missing → Telegram's "chat_id is empty". */
  chatId(): number | string {
    const value = this.body.fields.chat_id;
    if (value === undefined || value === null || value === "") throw badRequest("chat_id is empty");
    if (typeof value === "number") return value;
    const text = String(value);
    return /^-?\d+$/.test(text) ? Number(text) : text;
  }

  /** A structured parameter (JSON text in form bodies), checked against a schema. */
  json<T>(name: string, schema: z.ZodType<T>, problem: string): T | undefined {
    let value = this.body.fields[name];
    if (value === undefined || value === null || value === "") return undefined;
    if (typeof value === "string") {
      try {
        value = JSON.parse(value);
      } catch {
        throw badRequest(problem);
      }
    }
    const parsed = schema.safeParse(value);
    if (!parsed.success) throw badRequest(problem);
    return parsed.data;
  }

  /** A file parameter: an upload in this very request, `attach://<part>`, a file_id or a URL. */
  inputFile(name: string): InputFileRef | undefined {
    const direct = this.body.files.get(name);
    if (direct) return { kind: "upload", file: direct };
    const value = this.string(name);
    return value === undefined ? undefined : this.resolveFileReference(value);
  }

  /** Resolves a textual file reference as used inside InputMedia objects. */
  resolveFileReference(value: string): InputFileRef {
    if (value.startsWith("attach://")) {
      const file = this.body.files.get(value.slice("attach://".length));
      if (!file) throw badRequest("wrong file identifier/HTTP URL specified");
      return { kind: "upload", file };
    }
    if (/^https?:\/\//i.test(value)) return { kind: "url", url: value };
    return { kind: "file_id", fileId: value };
  }
}
