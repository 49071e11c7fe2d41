/**
 * A frozen deep copy of a document, so that neither its caller nor a reader can change what is
 * stored. Documents are JSON data, copied here field by field; anything else (a class's
 * instance) goes through `structuredClone`. `deepFreeze(structuredClone(doc))` did the same
 * at five times the cost: 4% of the bot's work at the broadcast ceiling, two puts a send.
 */
export function frozenCopy<T>(value: T): T {
  if (typeof value !== "object" || value === null) return value;
  if (Array.isArray(value)) return Object.freeze(value.map(frozenCopy)) as T;
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) {
    return deepFreeze(structuredClone(value));
  }
  const copy: Record<string, unknown> = {};
  for (const key in value) if (Object.hasOwn(value, key)) copy[key] = frozenCopy(value[key]);
  return Object.freeze(copy) as T;
}

/** Freezes a document and everything in it, in place. */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
