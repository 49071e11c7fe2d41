import type { Collection } from "./collection.js";
import type { CollectionLayout, LoadOptions } from "./collection-layout.js";

/** Opens (creates and loads) a named collection of the store. */
export type CollectionOpener = <T>(
  name: string,
  layout: CollectionLayout<T>,
  options?: LoadOptions,
) => Promise<Collection<T>>;
