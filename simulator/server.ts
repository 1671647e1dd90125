// Serves the simulator over HTTP on 127.0.0.1 (port 0 picks a free port), for tests and `npm run sim`.
import type { AddressInfo } from "node:net";
import { serve, type ServerType } from "@hono/node-server";
import { createApp, createSim } from "./app.js";
import type { Sim, SimOptions } from "./context.js";

export interface StartedSimulator {
  /** The origin, e.g. http://127.0.0.1:4010 (the API is under /api/v3). */
  url: string;
  sim: Sim;
  close(): Promise<void>;
}

export async function startSimulator(
  opts: Partial<SimOptions> & { port?: number; host?: string } = {},
): Promise<StartedSimulator> {
  const { port = 0, host = "127.0.0.1", ...simOptions } = opts;
  const sim = await createSim(simOptions);
  const app = createApp(sim);
  let server: ServerType | undefined;
  try {
    server = await new Promise<ServerType>((resolve, reject) => {
      const s = serve({ fetch: app.fetch, port, hostname: host }, () => resolve(s));
      s.once("error", reject);
    });
  } catch (e) {
    sim.stop();
    throw e;
  }
  const srv = server;
  // A destroyed socket (connection-reset faults) must not crash the process.
  srv.on("clientError", (_err: Error, socket: { destroy(): void }) => socket.destroy());
  const address = srv.address() as AddressInfo;
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${address.port}`;
  let closed: Promise<void> | null = null;
  return {
    url,
    sim,
    close() {
      closed ??= new Promise<void>((resolve) => {
        sim.stop();
        srv.close(() => resolve());
        // Keep-alive connections would hold close() open.
        const s = srv as ServerType & { closeAllConnections?: () => void };
        s.closeAllConnections?.();
      });
      return closed;
    },
  };
}
