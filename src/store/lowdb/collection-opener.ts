import type { Collection, CollectionLayout, LoadOptions } from "./collection.js";

/** Opens (creates and loads) a named collection of the store. */
export type CollectionOpener = <T>(
  name: string,
  layout: CollectionLayout<T>,
  options?: LoadOptions,
) => Promise<Collection<T>>;
