import { UnitTree } from "../../domain/unit-tree.js";
import type { MemberContext } from "../feature.js";
import type { CardContext } from "./story-card.js";

/** Loads what showing stories needs: the unit tree and the organisations, from the store. */
export async function loadCardContext(ctx: MemberContext): Promise<CardContext> {
  const { store, config } = ctx.deps;
  const [units, organisations] = await Promise.all([
    store.units.list(),
    store.organisations.list(),
  ]);
  return {
    t: ctx.t,
    locale: ctx.locale,
    tree: new UnitTree(units),
    organisations: new Map(organisations.map((org) => [org.id, org])),
    timeZone: config.timeZone,
  };
}
