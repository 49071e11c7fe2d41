/**
 * A stand-in process for tests of the store across processes: opens a data folder as the owner
 * (like the bot) or for a command (like the CLI), writes a burst of members, and prints
 * `ack <id>` once each write is acknowledged. Usage:
 *   node dist/src/testing/store-writer.js <dataDir> owner|command <prefix> <count> [holdMs]
 */
import type { Member } from "../domain/member.js";
import { openStoreAsOwner, openStoreForCommand } from "../store/open-store.js";

const [dataDir, mode, prefix, countText, holdText] = process.argv.slice(2);
if (!dataDir || (mode !== "owner" && mode !== "command") || !prefix || !countText) {
  process.stderr.write("usage: store-writer <dataDir> owner|command <prefix> <count> [holdMs]\n");
  process.exit(2);
}
const count = Number(countText);
const opened =
  mode === "owner" ? await openStoreAsOwner(dataDir) : await openStoreForCommand(dataDir);
process.stdout.write(`ready ${opened.mode}\n`);

const IN_FLIGHT = 16;
let next = 0;
async function worker(): Promise<void> {
  while (next < count) {
    const n = next++;
    const id = `${prefix}-${n}`;
    const member: Member = {
      id,
      name: `Thành viên ${n}`,
      unitId: "hung-dao.nam-phong-2",
      orgIds: ["hoi-phu-nu"],
      roles: [{ role: "member", unitId: "hung-dao.nam-phong-2", orgIds: [] }],
      locale: "vi",
      active: true,
      optedOut: false,
      identities: [],
      source: "cli",
      createdAt: new Date().toISOString(),
    };
    await opened.store.members.save(member);
    process.stdout.write(`ack ${id}\n`);
  }
}
await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
process.stdout.write("done\n");
await new Promise((resolve) => setTimeout(resolve, Number(holdText ?? 0)));
await opened.close();
