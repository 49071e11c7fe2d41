import type { i18n, TFunction } from "i18next";

/** How many texts each language remembers before starting afresh (labels, questions, buttons). */
const REMEMBERED_PER_LANGUAGE = 20_000;

/**
 * Makes `getFixedT(language)` hand out one translator per language that remembers what it
 * translated: the resources never change once loaded, so the same key and parameters always
 * give the same text, and every message asked i18next again for every label and button it
 * showed (a fifth of the bot's CPU while heads reported). Calls with a namespace or prefix,
 * or with parameters other than plain values (objects, arrays), go to i18next as before.
 */
export function rememberTranslations(instance: i18n): void {
  const original = instance.getFixedT.bind(instance);
  const byLanguage = new Map<string, TFunction>();
  const getFixedT = (...args: Parameters<i18n["getFixedT"]>) => {
    const [language, ...rest] = args;
    if (typeof language !== "string" || rest.some((arg) => arg !== undefined)) {
      return original(...args);
    }
    let t = byLanguage.get(language);
    if (!t) {
      t = remembering(original(language));
      byLanguage.set(language, t);
    }
    return t;
  };
  instance.getFixedT = getFixedT as i18n["getFixedT"];
}

function remembering(t: TFunction): TFunction {
  const texts = new Map<string, unknown>();
  const translate = (key: unknown, options?: unknown, ...rest: unknown[]) => {
    const id = rest.length === 0 ? textId(key, options) : undefined;
    const call = () => (t as unknown as (...a: unknown[]) => unknown)(key, options, ...rest);
    if (id === undefined) return call();
    if (texts.has(id)) return texts.get(id);
    const text = call();
    if (typeof text !== "string") return text;
    if (texts.size >= REMEMBERED_PER_LANGUAGE) texts.clear();
    texts.set(id, text);
    return text;
  };
  // i18next's fixed translators carry their language and namespace; keep them readable.
  const { lng, ns, keyPrefix } = t as unknown as Record<string, unknown>;
  return Object.assign(translate, { lng, ns, keyPrefix }) as unknown as TFunction;
}

/** A key for a call whose result depends only on its key and plain parameters; else undefined. */
function textId(key: unknown, options: unknown): string | undefined {
  if (typeof key !== "string") return undefined;
  if (options === undefined) return key;
  if (typeof options !== "object" || options === null || Array.isArray(options)) return undefined;
  for (const value of Object.values(options)) {
    const kind = typeof value;
    if (
      value !== undefined &&
      value !== null &&
      kind !== "string" &&
      kind !== "number" &&
      kind !== "boolean"
    ) {
      return undefined;
    }
  }
  return `${key}\u0000${JSON.stringify(options)}`;
}
