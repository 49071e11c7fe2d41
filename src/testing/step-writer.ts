/**
 * A stand-in bot for tests of what a step of a conversation leaves on disk across a crash:
 * opens a data folder as the owner and, for each step, saves the member's draft, remembers the
 * chat's menu and marks the update handled, as the bot does, printing `ack <n>` once all three
 * are acknowledged. Usage:
 *   node dist/src/testing/step-writer.js <dataDir> <members> <steps>
 */
import { openStoreAsOwner } from "../store/open-store.js";

const [dataDir, membersText, stepsText] = process.argv.slice(2);
if (!dataDir || !membersText || !stepsText) {
  process.stderr.write("usage: step-writer <dataDir> <members> <steps>\n");
  process.exit(2);
}
const members = Number(membersText);
const steps = Number(stepsText);
const opened = await openStoreAsOwner(dataDir);
process.stdout.write("ready\n");

let update = 0;
/** One member answering question after question, each step waiting for the one before. */
async function member(m: number): Promise<void> {
  const memberId = `head-${m}`;
  for (let step = 0; step < steps; step++) {
    const n = update++;
    const now = new Date().toISOString();
    const saved = await opened.store.dialogs.saveNext({
      memberId,
      flow: "weekly-report",
      step: `question-${step + 1}`,
      answers: { [`question-${step}`]: n },
      context: {},
      startedAt: now,
      updatedAt: now,
      revision: step,
      movedBy: `telegram:${n}`,
    });
    if (!saved) throw new Error(`draft of ${memberId} moved by another update`);
    await opened.store.chatMenus.save({
      key: `telegram:${m}`,
      choices: [{ data: String(n), label: `answer ${n}` }],
      shownAt: now,
    });
    await opened.store.claims.claim(`telegram:update:${n}`, now, 48 * 3600_000);
    process.stdout.write(`ack ${memberId} ${step} ${n}\n`);
  }
}
await Promise.all(Array.from({ length: members }, (_, m) => member(m)));
process.stdout.write("done\n");
await opened.close();
