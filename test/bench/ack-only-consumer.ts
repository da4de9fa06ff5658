/**
 * The consumer's HTTP app with a processor that acknowledges each decoded event without processing
 * it: Fastify, the app's hooks, body limits and error handling, and the decoding and validation of
 * the push body into a CloudEvent (app/consumer/decode.ts) and the request's child logger, as in
 * the shipped container. Left out, and so counted as processing by the bench: the order data's
 * validation, the event key, the per-event child logger and log line, the dedupe store, the
 * content digest, the projection and the metrics. The consumer bench runs it beside the real
 * consumer and the bare server, so a run shows which part of the throughput gap is HTTP and
 * decoding and which is processing. Bundled like the consumer (app/build.ts options).
 */
import { createApp } from "../../app/consumer/app";
import { batchedStdout } from "../../app/core/log-sink";
import { createLogger } from "../../app/core/logger";
import { Metrics } from "../../app/core/metrics";

const port = Number(process.env.PORT);
if (!Number.isInteger(port) || port < 1 || port > 65535) {
  throw new Error(`PORT must be a TCP port (1-65535), got ${JSON.stringify(process.env.PORT)}`);
}
const app = createApp({
  authMode: "none",
  process: (event) => Promise.resolve({ outcome: "processed", eventId: event.id }),
  logger: createLogger({ write: batchedStdout().write, fields: { consumer: "ack-only" } }),
  metrics: new Metrics(),
});
process.on("SIGTERM", () => {
  app.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
});
app.listen({ port, host: "127.0.0.1" }).catch((err: unknown) => {
  process.stderr.write(`ack-only consumer: ${String(err)}\n`);
  process.exit(1);
});
