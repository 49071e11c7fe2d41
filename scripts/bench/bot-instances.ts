import { mkdtemp } from "node:fs/promises";
import { join } from "node:path";
import { freePort } from "../../src/testing/free-port.js";
import { startRoundRobinProxy } from "../../src/testing/round-robin-proxy.js";
import { type BotProcess, botEnv, startProduct } from "./bot-process.js";

/** The bot as a benchmark drives it: one process, or several behind a load balancer. */
export type RunningBot = Pick<
  BotProcess,
  "ready" | "loaded" | "rssMB" | "peakRssMB" | "stop" | "stderr"
>;

/** Where the bot keeps its store in a run. */
export type Deployment = { store: "files" } | { store: "postgres"; instances: number };

/** A webhook secret for the instances behind the proxy (loopback only, never a real one). */
const WEBHOOK_SECRET = "bench-webhook-secret-0123456789";

/**
 * Starts `count` bot processes on one database, in webhook mode behind a round-robin proxy,
 * as README "Scaling out" deploys them: the platforms' webhooks lead to the proxy, which
 * hands each update to the next instance. Memory is the largest instance's, since the budget
 * is per process; `ready` and `loaded` are when the last one is.
 */
export async function startInstances(
  count: number,
  databaseUrl: string,
  root: string,
  env: Record<string, string>,
): Promise<RunningBot> {
  const ports = await Promise.all(Array.from({ length: count }, () => freePort()));
  const proxy = await startRoundRobinProxy(ports);
  const bots: BotProcess[] = [];
  for (const port of ports) {
    bots.push(
      startProduct(
        botEnv(await mkdtemp(join(root, "instance-")), {
          ...env,
          DATABASE_URL: databaseUrl,
          PUBLIC_URL: proxy.base,
          WEBHOOK_SECRET,
          PORT: String(port),
        }),
      ),
    );
  }
  const last = (each: (bot: BotProcess) => Promise<number>) => {
    const all = Promise.all(bots.map(each)).then((ms) => Math.max(...ms));
    all.catch(() => undefined);
    return all;
  };
  return {
    ready: last((bot) => bot.ready),
    loaded: last((bot) => bot.loaded),
    stderr: bots[0]?.stderr ?? [],
    rssMB: () => Math.max(...bots.map((bot) => bot.rssMB())),
    peakRssMB: () => Math.max(...bots.map((bot) => bot.peakRssMB())),
    async stop() {
      const stopped = await Promise.all(bots.map((bot) => bot.stop()));
      await proxy.close();
      return {
        code: stopped.find(({ code }) => code !== 0)?.code ?? 0,
        ms: Math.max(...stopped.map(({ ms }) => ms)),
      };
    },
  };
}
