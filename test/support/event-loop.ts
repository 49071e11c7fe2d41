/** Counts the turns of the event loop until stopped: what ran between two steps of a test. */
export function countingTurns(): { turns: () => number; stop: () => void } {
  let turns = 0;
  let next: NodeJS.Immediate | undefined;
  const turn = () => {
    turns += 1;
    next = setImmediate(turn);
  };
  turn();
  return { turns: () => turns, stop: () => clearImmediate(next) };
}
