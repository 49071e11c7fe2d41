import { createServer, request } from "node:http";

/** A small load balancer on loopback: each request to the next instance that answers. */
export interface RoundRobinProxy {
  base: string;
  /** Requests each instance took, by its port. */
  served: Map<number, number>;
  close(): Promise<void>;
}

/**
 * Forwards each request, in turn, to one of the ports. An instance that refuses the
 * connection or drops it unanswered (stopped, killed mid-way) is passed over for that request,
 * which goes to each other instance at most once, as a load balancer's health check would:
 * a platform that does not post an update again would otherwise lose it.
 */
export async function startRoundRobinProxy(ports: readonly number[]): Promise<RoundRobinProxy> {
  const served = new Map(ports.map((port) => [port, 0]));
  let next = 0;
  /** The next port in the rotation that this request has not tried yet. */
  const pick = (tried: ReadonlySet<number>): number | undefined => {
    for (let i = 0; i < ports.length; i++) {
      const port = ports[next++ % ports.length] as number;
      if (!tried.has(port)) return port;
    }
    return undefined;
  };
  const server = createServer(async (incoming, outgoing) => {
    const body = Buffer.concat(await incoming.toArray());
    const tried = new Set<number>();
    const forward = (): void => {
      const port = pick(tried);
      if (port === undefined) {
        outgoing.writeHead(502).end();
        return;
      }
      tried.add(port);
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
        // Cut after it began answering: too late to ask another.
        if (outgoing.headersSent) outgoing.destroy();
        else forward();
      });
      upstream.end(body);
    };
    forward();
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
