import {
  startZaloEmulator,
  type ZaloEmulator,
  type ZaloEmulatorOptions,
} from "../../../src/testing/zalo/index.js";
import { type AppBench, type AppBenchOptions, startAppBench } from "./app-bench.js";

/** A running bot against a local Zalo emulator. */
export interface ZaloBench extends AppBench {
  emulator: ZaloEmulator;
}

/** Starts a Zalo emulator and the real bot against it. */
export async function startZaloBench(
  options: AppBenchOptions & { emulator?: ZaloEmulatorOptions } = {},
): Promise<ZaloBench> {
  const emulator = await startZaloEmulator(options.emulator);
  const bench = await startAppBench(
    { ZALO_BOT_TOKEN: emulator.token, ZALO_API_ROOT: emulator.apiRoot },
    options,
    () => emulator.close(),
  );
  return Object.assign(bench, { emulator });
}
