/**
 * JSON with object keys sorted, so equal records give equal text (and hashes) whatever their
 * key order: a record read back from PostgreSQL's JSONB has its keys in another order.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === "object" && !Array.isArray(inner)
      ? Object.fromEntries(
          Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)),
        )
      : inner,
  );
}
