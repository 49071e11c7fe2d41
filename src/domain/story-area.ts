import type { Member } from "./member.js";
import type { Story } from "./story.js";
import type { UnitTree } from "./unit-tree.js";

/**
 * The area whose stories a reader sees: the commune or ward their unit lies in (a hamlet's
 * parent; an office's own commune or ward; the city for a city office), followed to the unit
 * that absorbed it in the 2025 merger, so neighbours now in one ward read each other's stories.
 */
export function readingArea(tree: UnitTree, unitId: string): string {
  return currentSuccessor(tree, homeArea(tree, unitId));
}

/**
 * The commune or ward a reader would name as theirs: their hamlet's parent, or their own
 * unit; not followed through the merger, so the library speaks of the place they know.
 */
export function homeArea(tree: UnitTree, unitId: string): string {
  const unit = tree.get(unitId);
  if (!unit) return unitId;
  return unit.kind === "hamlet" && unit.parent ? unit.parent : unit.id;
}

/**
 * True when a story belongs to the reader's area: it happened within the area (a hamlet of
 * the commune), or it concerns a wider unit that covers the reader (a story of the whole city).
 */
export function isInReadingArea(
  tree: UnitTree,
  readerUnitId: string,
  storyUnitId: string,
): boolean {
  return (
    tree.covers(readingArea(tree, readerUnitId), storyUnitId) ||
    tree.covers(storyUnitId, readerUnitId)
  );
}

/** True when the member may take up this nomination: a broadcaster grant covers its unit. */
export function broadcasterCovers(tree: UnitTree, member: Member, story: Story): boolean {
  return member.roles.some(
    (grant) => grant.role === "broadcaster" && tree.covers(grant.unitId, story.unitId),
  );
}

function currentSuccessor(tree: UnitTree, unitId: string): string {
  const seen = new Set<string>();
  let current = unitId;
  for (;;) {
    seen.add(current);
    const next = tree.get(current)?.successor;
    if (!next || seen.has(next) || !tree.get(next)) return current;
    current = next;
  }
}
