/**
 * `npm run bench [-- <name>…] [--size mid|small|tiny] [--store postgres [--instances N]]`: starts
 * the local emulators and the real bot (as `npm start` runs it, as its own process) on temporary
 * data over loopback, prints a row per figure with its target, and writes the rows to
 * `bench/results/latest.json`. With `--store postgres` the province is moved into a fresh
 * database and N instances (1 by default) take the platforms' webhooks behind a round-robin
 * proxy; only the inbound and broadcast benchmarks run that way.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Deployment } from "./bot-instances.js";
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

/** The benchmarks that run on PostgreSQL: the others measure the JSON files' own costs. */
const ON_POSTGRES = ["inbound", "broadcast"];

const args = process.argv.slice(2);
const option = (name: string) => {
  const at = args.indexOf(name);
  return at >= 0 ? { at, value: args[at + 1] } : undefined;
};
const size = (option("--size")?.value ?? "full") as BenchSize;
const out = option("--out")?.value ?? join(ROOT, "bench", "results", "latest.json");
const store = option("--store")?.value ?? "files";
const instances = Number(option("--instances")?.value ?? "1");
const optionValues = new Set(
  ["--size", "--out", "--store", "--instances"].flatMap((name) => {
    const at = option(name)?.at;
    return at === undefined ? [] : [at + 1];
  }),
);
const names = args.filter((arg, i) => !arg.startsWith("--") && !optionValues.has(i));
const chosen =
  names.length > 0 ? names : store === "postgres" ? ON_POSTGRES : Object.keys(BENCHMARKS);
const valid =
  size in WORKLOADS &&
  chosen.every((name) => name in BENCHMARKS) &&
  (store === "files"
    ? instances === 1
    : store === "postgres" &&
      Number.isInteger(instances) &&
      instances >= 1 &&
      chosen.every((name) => ON_POSTGRES.includes(name)));
if (!valid) {
  process.stderr.write(
    `usage: npm run bench -- [${Object.keys(BENCHMARKS).join("|")}…] [--size full|mid|small|tiny] [--out file]\n` +
      `       npm run bench -- [${ON_POSTGRES.join("|")}…] --store postgres [--instances N] [--size …]\n`,
  );
  process.exit(2);
}
const deployment: Deployment = store === "postgres" ? { store, instances } : { store: "files" };
// Figures taken on PostgreSQL say so in their names, so that the rows of runs can be compared.
const where =
  deployment.store === "postgres"
    ? ` [PostgreSQL, ${instances} instance${instances === 1 ? "" : "s"}]`
    : "";

const log = (line: string) => process.stdout.write(`${line}\n`);
const context = await BenchContext.create(size, deployment, log);
const started = performance.now();
const figures: Figure[] = [];
try {
  for (const name of chosen) {
    log(`${name}…`);
    const run = BENCHMARKS[name] as (context: BenchContext) => Promise<Figure[]>;
    const found = (await run(context)).map((found) => ({ ...found, name: found.name + where }));
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
