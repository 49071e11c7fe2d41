/**
 * One copy of each value that many of a collection's documents repeat. Read from its file, each
 * occurrence of a string is a copy of its own (V8's JSON parser shares only strings of up to 10
 * characters) and each list an array of its own: a province's members and reports repeat their
 * hamlet's id, their organisations, the report's groups and their empty lists: about 50 MB of
 * the 198 MB of heap a province's bot held at idle.
 *
 * Give `text` and `list` only values of a small vocabulary (the ids of units, organisations,
 * fields, criteria): the pool keeps each distinct one as long as the collection is open, so a
 * value found in one document alone (a time, a receipt, a name) would only add to it.
 */
export class SharedValues {
  private readonly texts = new Map<string, string>();
  private readonly lists = new Map<string, readonly string[]>();

  /** The copy of `value` kept here, the first one seen. */
  text<S extends string>(value: S): S {
    const kept = this.texts.get(value);
    if (kept !== undefined) return kept as S;
    this.texts.set(value, value);
    return value;
  }

  /**
   * A frozen list equal to `values`, shared with every document that has one: the same list of
   * vocabulary strings, or an empty list of anything. Documents are frozen when handed out
   * anyway, and changed only by putting a new one.
   */
  list<V>(values: V[]): V[] {
    if (!values.every((value) => typeof value === "string")) return values;
    const key = JSON.stringify(values);
    const kept = this.lists.get(key);
    if (kept !== undefined) return kept as V[];
    const shared = Object.freeze(values.map((value) => this.text(value)));
    this.lists.set(key, shared);
    return shared as V[];
  }
}
