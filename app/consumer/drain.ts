/**
 * What the app does once `close()` starts (the entry calls it on SIGTERM): connections that
 * finish their last response are closed at once instead of lingering until the keep-alive
 * timeout, and a request whose body stalls is cut, so the drain ends with the work that can
 * still finish. A cut request gets no response, so Pub/Sub redelivers it: nothing is lost.
 */
import type { IncomingMessage } from "node:http";
import type { Socket } from "node:net";
import { performance } from "node:perf_hooks";
import type { FastifyInstance } from "fastify";
import type { Logger } from "../core/logger";
import { round } from "../core/metrics";

const TICK_MS = 50;

/** The request a connection carries now (or carried last) and when it started. */
interface Latest {
  req: IncomingMessage;
  started: number;
}

interface Progress {
  bytesRead: number;
  since: number;
}

/** What the app's request hook calls: whether a drain is under way, and where to register. */
export interface DrainTracker {
  readonly closing: boolean;
  /** Registers a request so the drain can see whether its body is still arriving. */
  track(req: IncomingMessage): void;
}

/**
 * Installs the drain behaviour. Each connection's current request is tracked so the drain knows
 * which are still receiving their body; the timer runs only while draining, so normal traffic
 * pays nothing else.
 */
export function cutStalledBodiesWhileDraining(
  app: FastifyInstance,
  logger: Logger,
  stallCutMs: number,
): DrainTracker {
  // One entry per connection, holding its latest request: requests arrive on a connection one
  // after another (a pipelined one only once the previous body is complete), so only the latest
  // can still be receiving its body. Per request this is one lookup and two writes, with no
  // listener or closure; the entry goes when the connection closes.
  const open = new Map<Socket, Latest>();
  let closing = false;
  app.addHook("preClose", (done) => {
    closing = true;
    const progress = new Map<IncomingMessage, Progress>();
    const reaper = setInterval(() => {
      app.server.closeIdleConnections();
      const now = performance.now();
      for (const [socket, { req, started }] of open) {
        // `complete`: the whole body has arrived; the handler may still be working on it.
        if (req.complete || socket.destroyed) continue;
        const bytesRead = socket.bytesRead;
        const seen = progress.get(req);
        if (seen === undefined || seen.bytesRead !== bytesRead) {
          progress.set(req, { bytesRead, since: now });
        } else if (now - seen.since >= stallCutMs) {
          logger.warn("request body stalled during shutdown; connection cut (not acknowledged)", {
            http_method: req.method,
            status: 0,
            stalled_ms: round(now - seen.since),
            bytes_read: bytesRead,
            processing_time_ms: round(now - started),
          });
          socket.destroy();
        }
      }
    }, TICK_MS).unref();
    app.server.once("close", () => clearInterval(reaper));
    done();
  });
  return {
    get closing() {
      return closing;
    },
    track(req) {
      const socket = req.socket;
      const latest = open.get(socket);
      if (latest !== undefined) {
        latest.req = req;
        latest.started = performance.now();
        return;
      }
      open.set(socket, { req, started: performance.now() });
      socket.once("close", () => open.delete(socket));
    },
  };
}
