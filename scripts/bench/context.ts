import { cp, mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDataDir } from "../../src/bootstrap.js";
import { weekOf } from "../../src/domain/week.js";
import { createI18n, type Translate, translatorFor } from "../../src/i18n.js";
import { BenchDatabases } from "./bench-databases.js";
import { type Deployment, type RunningBot, startInstances } from "./bot-instances.js";
import { botEnv, startProduct } from "./bot-process.js";
import {
  FULL_PROVINCE,
  Province,
  type ProvinceSize,
  seedFinishedOutbox,
  seedProvince,
} from "./province.js";

/**
 * How much work a run does: `full` is the province; `small` compares before and after
 * a change in a few minutes on a shared machine; `tiny` checks the harness itself.
 */
export type BenchSize = "full" | "mid" | "small" | "tiny";

/** The counts each benchmark uses at a size. */
export interface Workload {
  province: ProvinceSize;
  /**
   * Heads filing a report at once: the throughput's load, and the smaller one the answer time
   * above the bare bot's is judged at (the 100).
   */
  heads: readonly [throughput: number, answerTime: number];
  /**
   * Rounds of each inbound load: one storm lasts a few seconds, and the machine's speed moves
   * more than the targets' margins between two of them.
   */
  inboundRounds: number;
  /**
   * Repetitions of each `/status` question. At full size 20: the p95 of 10 is their slowest,
   * one pause of the machine's.
   */
  statusRuns: number;
  /** Finished outbox rows in the footprint's data. */
  finishedOutbox: number;
  /** Starts of the bot the footprint measures. */
  starts: number;
}

export const WORKLOADS: Record<BenchSize, Workload> = {
  full: {
    province: FULL_PROVINCE,
    heads: [300, 100],
    inboundRounds: 3,
    statusRuns: 20,
    finishedOutbox: 1_000_000,
    starts: 3,
  },
  // The broadcast's full audiences on a small province: its rates measured over 10,000 sends
  // (at `small`, 200 take a fifth of a second) in about two minutes.
  mid: {
    province: {
      communes: 10,
      hamletsPerCommune: 20,
      members: 12_000,
      weeks: 2,
      audiences: { large: 10_000, small: 1_000, zalo: 100 },
    },
    heads: [30, 10],
    inboundRounds: 2,
    statusRuns: 5,
    finishedOutbox: 5_000,
    starts: 2,
  },
  small: {
    province: {
      communes: 4,
      hamletsPerCommune: 10,
      members: 600,
      weeks: 8,
      audiences: { large: 200, small: 50, zalo: 30 },
    },
    heads: [30, 10],
    inboundRounds: 2,
    statusRuns: 5,
    finishedOutbox: 5_000,
    starts: 2,
  },
  tiny: {
    province: {
      communes: 2,
      hamletsPerCommune: 4,
      members: 120,
      weeks: 3,
      audiences: { large: 30, small: 20, zalo: 10 },
    },
    heads: [4, 2],
    inboundRounds: 1,
    statusRuns: 2,
    finishedOutbox: 200,
    starts: 1,
  },
};

/** What every benchmark shares: the workload, the seeded data, Vietnamese labels, a log. */
export class BenchContext {
  readonly workload: Workload;
  readonly province: Province;
  readonly t: Translate;
  private provinceDir?: Promise<string>;
  private copies = 0;
  private readonly databases = new BenchDatabases();

  private constructor(
    readonly size: BenchSize,
    readonly deployment: Deployment,
    readonly root: string,
    readonly log: (line: string) => void,
  ) {
    this.workload = WORKLOADS[size];
    this.province = new Province(this.workload.province, weekOf(new Date(), "Asia/Ho_Chi_Minh"));
    this.t = translatorFor(createI18n("vi"), "vi");
  }

  /** A context with its own temporary folder (removed by `close`). */
  static async create(
    size: BenchSize,
    deployment: Deployment,
    log: (line: string) => void,
  ): Promise<BenchContext> {
    const root = await mkdtemp(join(tmpdir(), "chung-suc-bench-"));
    return new BenchContext(size, deployment, root, log);
  }

  /**
   * The real bot on a fresh copy of the province, with the platforms' settings given: one
   * process on JSON files, or the instances of the deployment on a fresh PostgreSQL database.
   */
  async startBot(env: Record<string, string>): Promise<RunningBot> {
    const { deployment } = this;
    if (deployment.store === "files") {
      return startProduct(botEnv(await this.provinceCopy(), env));
    }
    const databaseUrl = await this.databases.copyOf(() => this.provinceCopy(), this.log);
    return startInstances(deployment.instances, databaseUrl, this.root, env);
  }

  /**
   * A fresh data folder holding the province (seeded once per run through the store port,
   * then copied), so that no benchmark sees what another one left behind.
   */
  async provinceCopy(): Promise<string> {
    this.provinceDir ??= this.seed();
    const source = await this.provinceDir;
    const copy = join(this.root, `data-${++this.copies}`);
    // With the files' times, as the bot finds its own folder after a restart: a copied file
    // with a new time is one its keys file no longer vouches for.
    await cp(source, copy, { recursive: true, preserveTimestamps: true });
    return copy;
  }

  /** A copy of the province with the footprint's finished outbox rows added. */
  async provinceWithOutbox(): Promise<string> {
    const dir = await this.provinceCopy();
    const started = performance.now();
    const opened = await openDataDir({ dataDir: dir }, "owner");
    await seedFinishedOutbox(opened.store, this.province, this.workload.finishedOutbox, new Date());
    await opened.close();
    this.log(
      `  added ${this.workload.finishedOutbox} finished outbox rows in ${seconds(started)} s`,
    );
    return dir;
  }

  /** Removes every data folder and database of the run. */
  async close(): Promise<void> {
    await this.databases.dropAll();
    await rm(this.root, { recursive: true, force: true });
  }

  private async seed(): Promise<string> {
    const dir = join(this.root, "province");
    await mkdir(dir, { recursive: true });
    const started = performance.now();
    const opened = await openDataDir({ dataDir: dir }, "owner");
    await seedProvince(opened.store, this.province, new Date());
    await opened.close();
    const { province } = this.workload;
    this.log(
      `  seeded ${province.communes * province.hamletsPerCommune} hamlets, ${province.members} members, ` +
        `${province.weeks} weeks of reports in ${seconds(started)} s`,
    );
    return dir;
  }
}

function seconds(since: number): string {
  return ((performance.now() - since) / 1000).toFixed(1);
}
