/**
 * `npm run bench [-- <name>…] [--size small|tiny]`: starts the local emulators and the real bot
 * (`dist/src/main.js`, as its own process) on temporary data over loopback, prints a row per
 * figure with its target, and writes the rows to `bench/results/latest.json`.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { ROOT } from "./bot-process.js";
import { broadcastBenchmark } from "./broadcast.js";
import { BenchContext, type BenchSize, WORKLOADS } from "./context.js";
import { type Figure, table } from "./figures.js";
import { footprintBenchmark } from "./footprint.js";
import { inboundBenchmark } from "./inbound.js";
import { statusBenchmark } from "./status.js";

const BENCHMARKS: Record<string, (context: BenchContext) => Promise<Figure[]>> = {
  broadcast: broadcastBenchmark,
  inbound: inboundBenchmark,
  status: statusBenchmark,
  footprint: footprintBenchmark,
};

const args = process.argv.slice(2);
const sizeAt = args.indexOf("--size");
const size = (sizeAt >= 0 ? args[sizeAt + 1] : "full") as BenchSize;
const outAt = args.indexOf("--out");
const out =
  outAt >= 0 ? (args[outAt + 1] as string) : join(ROOT, "bench", "results", "latest.json");
const optionValues = new Set([sizeAt, outAt].filter((at) => at >= 0).map((at) => at + 1));
const names = args.filter((arg, i) => !arg.startsWith("--") && !optionValues.has(i));
const unknown = names.filter((name) => !(name in BENCHMARKS));
if (!(size in WORKLOADS) || unknown.length > 0) {
  process.stderr.write(
    `usage: npm run bench -- [${Object.keys(BENCHMARKS).join("|")}…] [--size full|small|tiny] [--out file]\n`,
  );
  process.exit(2);
}

const log = (line: string) => process.stdout.write(`${line}\n`);
const context = await BenchContext.create(size, log);
const started = performance.now();
const figures: Figure[] = [];
try {
  for (const name of names.length > 0 ? names : Object.keys(BENCHMARKS)) {
    log(`${name}…`);
    const run = BENCHMARKS[name] as (context: BenchContext) => Promise<Figure[]>;
    const found = await run(context);
    log(`${table(found)}\n`);
    figures.push(...found);
  }
} finally {
  await context.close();
}
const rows = figures.map(({ name, value, unit, target, met, min, max, runs }) => ({
  name,
  value,
  unit,
  target,
  met,
  min,
  max,
  runs,
}));
await mkdir(join(out, ".."), { recursive: true });
await writeFile(out, `${JSON.stringify(rows, null, 2)}\n`);
log(table(figures));
log(
  `\n${figures.filter((f) => f.met === false).length} of ${figures.filter((f) => f.met !== null).length} targets missed; ` +
    `${((performance.now() - started) / 1000).toFixed(0)} s in all; written to ${out}`,
);
