import { createServer } from "node:net";

/**
 * Ports handed out lie below Linux's ephemeral range (32768–60999), which the kernel also gives
 * to outgoing connections: a port found free there can be taken by a client socket of another
 * test before the server that asked for it listens (seen as EADDRINUSE under load). Each vitest
 * worker takes its own slice, starting at a random place in it, so two workers of one run never
 * offer the same port and two runs side by side rarely do. Outside vitest (the benchmarks) the
 * first slice is used.
 */
const FIRST = 20_000;
const SLICE = 1_500;
const SLICES = 8;

const worker = Number(process.env.VITEST_POOL_ID ?? process.env.VITEST_WORKER_ID ?? 1);
const sliceStart = FIRST + (Math.abs(worker - 1) % SLICES) * SLICE;
let offset = Math.floor(Math.random() * SLICE);

/** A TCP port on loopback that is free right now, and that no outgoing connection will take. */
export async function freePort(): Promise<number> {
  for (let tries = 0; tries < SLICE; tries++) {
    offset = (offset + 1) % SLICE;
    const port = sliceStart + offset;
    if (await canListen(port)) return port;
  }
  throw new Error(`no free port between ${sliceStart} and ${sliceStart + SLICE - 1}`);
}

function canListen(port: number): Promise<boolean> {
  const server = createServer();
  return new Promise((resolve) => {
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}
