/**
 * `createApp(deps)` builds the Cloud Run HTTP app. Acknowledgement rules (Pub/Sub push treats
 * 102/200/201/202/204 as ack, anything else as nack): 200 only once the event was processed, is a
 * known duplicate or is of a type this consumer does not handle. Malformed input, poison data,
 * auth failures and dependency failures never get 2xx, so Pub/Sub redelivers and eventually
 * dead-letters them; nothing is acknowledged unprocessed.
 */
import Fastify, {
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
} from "fastify";
import { EventError, errorMessage, type FailureKind } from "../core/errors";
import { truncate } from "../core/issues";
import type { Logger } from "../core/logger";
import { round, type Metrics } from "../core/metrics";
import type { EventProcessor } from "../core/pipeline";
import { traceFromHeaders, traceLogFields } from "../core/trace";
import { AuthError, type PushTokenVerifier } from "./auth";
import { decodeRequest, UnsupportedMediaError, type DecodedRequest } from "./decode";
import { cutStalledBodiesWhileDraining } from "./drain";
import { unsupportedRepresentation } from "./media";
import type { AuthMode } from "./env";

/** Largest accepted request body. Order events are small; Pub/Sub's own limit is 10 MB. */
export const DEFAULT_BODY_LIMIT_BYTES = 1024 * 1024;
/**
 * Longest a client may take to send a whole request. Pub/Sub's push ack deadline is at least
 * 10 s (https://cloud.google.com/pubsub/docs/push#push_backoff), and a real push arrives in
 * milliseconds; a body that trickles or stalls is cut (408) instead of holding its connection.
 */
export const DEFAULT_REQUEST_TIMEOUT_MS = 5000;

/** Everything the app needs, built once by the entry (or by a test). */
export interface ConsumerDeps {
  readonly authMode: AuthMode;
  /** Required when `authMode` is `oidc`. */
  readonly verifyToken?: PushTokenVerifier;
  readonly process: EventProcessor;
  readonly logger: Logger;
  readonly metrics: Metrics;
  /** Google Cloud project for the Cloud Logging trace field. */
  readonly project?: string;
  /** Default `DEFAULT_BODY_LIMIT_BYTES`. */
  readonly bodyLimitBytes?: number;
  /** Node's `server.requestTimeout`. Default `DEFAULT_REQUEST_TIMEOUT_MS`. */
  readonly requestTimeoutMs?: number;
  /** While draining, a request whose body made no progress for this long is cut. Default 1000. */
  readonly stallCutMs?: number;
}

const STATUS: Record<FailureKind, number> = {
  invalid: 400,
  poison: 422,
  "in-progress": 409,
  retryable: 503,
};
const CODE: Record<FailureKind, string> = {
  invalid: "invalid_event",
  poison: "poison_event",
  "in-progress": "in_progress",
  retryable: "unavailable",
};
const FRAMEWORK_CODE: Record<number, string> = {
  400: "bad_request",
  408: "request_timeout",
  413: "payload_too_large",
  415: "unsupported_media_type",
};
/** The methods each path answers; any other method gets 405 with `Allow` (RFC 9110 §15.5.6). */
const ALLOWED: Readonly<Record<string, readonly string[]>> = {
  "/": ["POST"],
  "/health": ["GET", "HEAD"],
  "/healthz": ["GET", "HEAD"],
};
/** Longest request path echoed in logs and responses. */
const MAX_ECHOED_PATH = 200;
/** The acknowledgement body; declared so Fastify compiles a serializer for it once, at start. */
const ACK_SCHEMA = {
  type: "object",
  properties: {
    status: { type: "string", enum: ["processed", "duplicate", "ignored"] },
    event_id: { type: "string" },
  },
  required: ["status", "event_id"],
  additionalProperties: false,
} as const;

/** Builds the app; call `listen` on the result (the entry does) or `inject` in tests. */
export function createApp(deps: ConsumerDeps): FastifyInstance {
  if (deps.authMode === "oidc" && deps.verifyToken === undefined) {
    throw new Error("createApp: authMode oidc needs verifyToken");
  }
  const requestTimeout = deps.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const app = Fastify({
    logger: false,
    bodyLimit: deps.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES,
    requestTimeout,
    // Node checks request timeouts on `connectionsCheckingInterval` (default 30 s), so it must be
    // shorter; and `headersTimeout` defaults to min(60 s, requestTimeout) at construction, before
    // Fastify sets `requestTimeout`, and a headers timeout above the request timeout keeps the
    // latter from firing. https://nodejs.org/api/http.html#httpcreateserveroptions-requestlistener
    http: {
      connectionsCheckingInterval: Math.max(50, Math.min(1000, requestTimeout / 2)),
      headersTimeout: requestTimeout,
      requestTimeout,
    },
    // Draining is answered by the hook below, with this app's error body and a log line.
    return503OnClosing: false,
  });
  // Every body is read as bytes and decoded by `decodeRequest`: binary-mode CloudEvents carry
  // data of any media type, and JSON is parsed there (prototype-safe, see decode.ts).
  app.removeAllContentTypeParsers();
  app.addContentTypeParser("*", { parseAs: "buffer" }, (_req, body, done) => done(null, body));

  const requestLog = (req: FastifyRequest, fields?: Readonly<Record<string, unknown>>): Logger =>
    deps.logger.child({
      http_method: truncate(req.method, 20),
      http_path: truncate(req.url, MAX_ECHOED_PATH),
      ...traceLogFields(traceFromHeaders(req.headers), deps.project),
      ...fields,
    });

  const fail = (
    reply: FastifyReply,
    status: number,
    error: string,
    message: string,
  ): FastifyReply => reply.code(status).send({ error, message });

  /** Logs a refused request (with its timing) and answers with the app's error body. */
  const reject = (
    req: FastifyRequest,
    reply: FastifyReply,
    status: number,
    error: string,
    message: string,
    fields: Readonly<Record<string, unknown>> = {},
    logMessage = "request rejected",
  ): FastifyReply => {
    requestLog(req)[status >= 500 ? "error" : "warn"](logMessage, {
      status,
      error_code: error,
      error: message,
      processing_time_ms: round(reply.elapsedTime),
      ...fields,
    });
    return fail(reply, status, error, message);
  };

  const drain = cutStalledBodiesWhileDraining(app, deps.logger, deps.stallCutMs ?? 1000);
  app.addHook("onRequest", (req, reply, done) => {
    if (drain.closing) {
      reject(req, reply, 503, "unavailable", "shutting down; retry");
      return;
    }
    drain.track(req.raw);
    const refused = unsupportedRepresentation(req.headers);
    if (refused !== undefined) {
      reply.header("accept-encoding", "identity");
      reject(req, reply, 415, "unsupported_media_type", refused);
      return;
    }
    done();
  });

  // Cloud Run reserves URL paths ending in `z` and answers them itself, so probes and callers
  // there use `/health` (https://cloud.google.com/run/docs/known-issues, "Reserved URL paths");
  // `/healthz` stays for local runs.
  const health = async () => ({ status: "ok", ...deps.metrics.snapshot() });
  app.get("/health", health);
  app.get("/healthz", health);

  const verifyToken = deps.authMode === "oidc" ? deps.verifyToken : undefined;
  const authenticate = async (
    verify: PushTokenVerifier,
    req: FastifyRequest,
    reply: FastifyReply,
  ): Promise<FastifyReply | undefined> => {
    try {
      await verify(req.headers.authorization);
      return undefined;
    } catch (err) {
      const status = err instanceof AuthError ? err.status : 503;
      return reject(
        req,
        reply,
        status,
        status === 401 ? "unauthenticated" : status === 403 ? "forbidden" : "unavailable",
        errorMessage(err),
        status === 503 ? { cause: err } : {},
        "push request not authenticated",
      );
    }
  };

  app.post("/", {
    schema: { response: { 200: ACK_SCHEMA } },
    // Tokens are checked before the body is read; other modes skip the hook entirely.
    ...(verifyToken === undefined
      ? {}
      : {
          onRequest: (req: FastifyRequest, reply: FastifyReply) =>
            authenticate(verifyToken, req, reply),
        }),
    handler: async (req, reply) => {
      let decoded: DecodedRequest;
      try {
        decoded = decodeRequest(req.headers, Buffer.isBuffer(req.body) ? req.body : undefined);
      } catch (err) {
        return err instanceof UnsupportedMediaError
          ? reject(req, reply, 415, "unsupported_media_type", err.message)
          : reject(req, reply, 400, "invalid_event", errorMessage(err));
      }
      try {
        const result = await deps.process(decoded.event, requestLog(req, decoded.fields));
        return reply.code(200).send({ status: result.outcome, event_id: result.eventId });
      } catch (err) {
        // The processor already logged the failure with the event's id and timing.
        const kind = err instanceof EventError ? err.kind : "retryable";
        return fail(
          reply,
          STATUS[kind],
          CODE[kind],
          kind === "retryable" ? "temporary failure; retry" : errorMessage(err),
        );
      }
    },
  });

  // Unknown methods (TRACE, PROPFIND, …) never reach a route, so 405 is decided here by path.
  app.setNotFoundHandler(async (req, reply) => {
    const path = req.url.split("?")[0] ?? "";
    const allow = Object.hasOwn(ALLOWED, path) ? ALLOWED[path] : undefined;
    const shown = truncate(req.url, MAX_ECHOED_PATH);
    if (allow === undefined) {
      return reject(
        req,
        reply,
        404,
        "not_found",
        `no route for ${truncate(req.method, 20)} ${shown}`,
      );
    }
    reply.header("allow", allow.join(", "));
    return reject(
      req,
      reply,
      405,
      "method_not_allowed",
      `${truncate(req.method, 20)} ${path} is not allowed; use ${allow.join(" or ")}`,
    );
  });

  // Framework-level rejections (body too large, bad media type, timeouts) and anything unexpected.
  app.setErrorHandler(async (err: FastifyError, req, reply) => {
    const status =
      typeof err.statusCode === "number" && err.statusCode >= 400 && err.statusCode < 600
        ? err.statusCode
        : 500;
    if (status >= 500) {
      return reject(req, reply, status, "internal", "internal error; retry", { cause: err });
    }
    return reject(req, reply, status, FRAMEWORK_CODE[status] ?? "bad_request", err.message, {
      framework_code: err.code,
    });
  });

  return app;
}
