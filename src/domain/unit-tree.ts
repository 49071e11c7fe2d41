import { parentOn, parentsEver, type Unit } from "./unit.js";

/**
 * The unit tree with its history. Answers scope questions ("is hamlet X inside commune Y?")
 * across the 2025 reorganisation: a unit that no longer exists still covers the hamlets that
 * were under it, a ward covers the hamlets moved to it on a date, and a successor ward covers
 * its predecessors' hamlets.
 */
export class UnitTree {
  private readonly byId = new Map<string, Unit>();
  private readonly childrenOf = new Map<string, Unit[]>();
  private readonly predecessorsOf = new Map<string, Unit[]>();
  private readonly hamletCache = new Map<string, Unit[]>();

  constructor(units: readonly Unit[]) {
    for (const unit of units) this.byId.set(unit.id, unit);
    for (const unit of units) {
      for (const parent of parentsEver(unit)) push(this.childrenOf, parent, unit);
      if (unit.successor) push(this.predecessorsOf, unit.successor, unit);
    }
  }

  /** The unit with this id, or undefined. */
  get(id: string): Unit | undefined {
    return this.byId.get(id);
  }

  /** Every unit, in the order given. */
  all(): Unit[] {
    return [...this.byId.values()];
  }

  /** The direct children of a unit, at any time (its communes, or its hamlets). */
  children(id: string): Unit[] {
    return this.childrenOf.get(id) ?? [];
  }

  /** Units this one absorbed (for a successor ward: the communes and wards merged into it). */
  predecessors(id: string): Unit[] {
    return this.predecessorsOf.get(id) ?? [];
  }

  /** The chain from the unit up to the top, the unit first. */
  ancestry(id: string): Unit[] {
    const chain: Unit[] = [];
    const seen = new Set<string>();
    let current = this.byId.get(id);
    while (current && !seen.has(current.id)) {
      chain.push(current);
      seen.add(current.id);
      current = current.parent ? this.byId.get(current.parent) : undefined;
    }
    return chain;
  }

  /**
   * True when `scopeId` covers `unitId`: the same unit, an ancestor at any time, or such an
   * ancestor's successor (transitively), so an official of a merged ward keeps the old
   * hamlets and a former commune keeps its own history.
   */
  covers(scopeId: string, unitId: string): boolean {
    const seen = new Set<string>();
    const pending = [unitId];
    while (pending.length > 0) {
      const id = pending.pop() as string;
      if (seen.has(id)) continue;
      seen.add(id);
      if (this.successorChainIncludes(id, scopeId)) return true;
      const unit = this.byId.get(id);
      if (unit) pending.push(...parentsEver(unit));
    }
    return false;
  }

  /** Every hamlet the unit covers (a hamlet covers itself), active or not, sorted by name. */
  hamletsUnder(id: string): Unit[] {
    const cached = this.hamletCache.get(id);
    if (cached) return cached;
    const found = new Map<string, Unit>();
    const visit = (unitId: string, seen: Set<string>) => {
      if (seen.has(unitId)) return;
      seen.add(unitId);
      const unit = this.byId.get(unitId);
      if (unit?.kind === "hamlet") found.set(unit.id, unit);
      for (const child of this.children(unitId)) visit(child.id, seen);
      for (const predecessor of this.predecessors(unitId)) visit(predecessor.id, seen);
    };
    visit(id, new Set());
    const hamlets = [...found.values()].sort((a, b) => a.name.localeCompare(b.name, "vi"));
    this.hamletCache.set(id, hamlets);
    return hamlets;
  }

  /**
   * The units directly below `id` for drilling down: its children, plus the children of
   * units merged into it, so a successor ward lists the communes it absorbed.
   */
  parts(id: string): Unit[] {
    const parts = [...this.children(id)];
    for (const predecessor of this.predecessors(id)) {
      parts.push(predecessor);
    }
    return parts;
  }

  /** The commune or ward a hamlet lies in on an ISO date (today's parent without one), if known. */
  communeOf(hamletId: string, date?: string): Unit | undefined {
    const hamlet = this.byId.get(hamletId);
    if (!hamlet) return undefined;
    const parent = date === undefined ? hamlet.parent : parentOn(hamlet, date);
    return parent ? this.byId.get(parent) : undefined;
  }

  private successorChainIncludes(fromId: string, targetId: string): boolean {
    const seen = new Set<string>();
    let current: string | undefined = fromId;
    while (current && !seen.has(current)) {
      if (current === targetId) return true;
      seen.add(current);
      current = this.byId.get(current)?.successor;
    }
    return false;
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
