import { createServer, request } from "node:http";

/** A small load balancer on loopback: each request to the next instance that answers. */
export interface RoundRobinProxy {
  base: string;
  /** Requests each instance took, by its port. */
  served: Map<number, number>;
  close(): Promise<void>;
}

/**
 * Forwards each request, in turn, to one of the ports; an instance that refuses the
 * connection (stopped) is passed over, as a load balancer's health check would.
 */
export async function startRoundRobinProxy(ports: readonly number[]): Promise<RoundRobinProxy> {
  const served = new Map(ports.map((port) => [port, 0]));
  let next = 0;
  const server = createServer(async (incoming, outgoing) => {
    const body = Buffer.concat(await incoming.toArray());
    const forward = (tries: number): void => {
      const port = ports[next++ % ports.length] as number;
      const upstream = request(
        {
          host: "127.0.0.1",
          port,
          method: incoming.method,
          path: incoming.url,
          headers: incoming.headers,
        },
        (answer) => {
          served.set(port, (served.get(port) ?? 0) + 1);
          outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(outgoing);
        },
      );
      upstream.on("error", () => {
        if (tries + 1 < ports.length) forward(tries + 1);
        else outgoing.writeHead(502).end();
      });
      upstream.end(body);
    };
    forward(0);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("no port");
  return {
    base: `http://127.0.0.1:${address.port}`,
    served,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
