import { readdirSync, readFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import i18next, { type i18n, type Resource, type TFunction } from "i18next";
import { LOCALES, type Locale } from "./domain/member.js";

/** A translate function bound to one language. Keys are `namespace:key`. */
export type Translate = TFunction;

/** The shipped locale folder: `locales/` at the project root (beside `src/` and `dist/`). */
export function defaultLocalesDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  // src/i18n.ts and dist/src/i18n.js both sit one or two levels below the root.
  for (const candidate of [resolve(here, "..", "locales"), resolve(here, "..", "..", "locales")]) {
    try {
      readdirSync(join(candidate, "vi"));
      return candidate;
    } catch {
      // not this one
    }
  }
  throw new Error("locales/ folder not found");
}

/**
 * Loads every `locales/<lang>/<namespace>.json` synchronously and returns an initialised,
 * isolated i18next instance (no global state, so tests can run several).
 */
export function createI18n(defaultLocale: Locale = "vi", localesDir = defaultLocalesDir()): i18n {
  const resources: Resource = {};
  const namespaces = new Set<string>();
  for (const lng of LOCALES) {
    const languageResources: Resource[string] = {};
    resources[lng] = languageResources;
    for (const file of readdirSync(join(localesDir, lng))) {
      if (!file.endsWith(".json")) continue;
      const ns = basename(file, ".json");
      namespaces.add(ns);
      languageResources[ns] = JSON.parse(readFileSync(join(localesDir, lng, file), "utf8"));
    }
  }
  const instance = i18next.createInstance();
  void instance.init({
    initAsync: false,
    resources,
    lng: defaultLocale,
    fallbackLng: defaultLocale === "vi" ? "vi" : ["en", "vi"],
    ns: [...namespaces],
    defaultNS: "common",
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return instance;
}

/** A translate function fixed to a language. */
export function translatorFor(instance: i18n, locale: Locale): Translate {
  return instance.getFixedT(locale);
}

/**
 * The i18next context of a chat without buttons (Zalo): where a locale has `key_typed`, it
 * replaces `key` there ("gõ số của dòng “Không kèm ảnh”" for "bấm “Không kèm ảnh”"), since
 * nothing can be pressed; every other key reads as it does everywhere.
 */
export const TYPED_CONTEXT = "typed";

/** A translate function for one chat: its language, and typed wording where it has no buttons. */
export function chatTranslator(instance: i18n, locale: Locale, buttons: boolean): Translate {
  const t = instance.getFixedT(locale);
  if (buttons) return t;
  const typed = (key: string | string[], options?: unknown) =>
    t(key, {
      context: TYPED_CONTEXT,
      ...(typeof options === "string" ? { defaultValue: options } : (options ?? {})),
    });
  return typed as unknown as Translate;
}
