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
import type { Logger } from "../core/logger";
import type { Metrics } from "../core/metrics";
import type { EventProcessor } from "../core/pipeline";
import { traceFromHeaders, traceLogFields } from "../core/trace";
import { AuthError, type PushTokenVerifier } from "./auth";
import { decodeRequest, type DecodedRequest } from "./decode";
import type { AuthMode } from "./env";

/** Largest accepted request body. Order events are small; Pub/Sub's own limit is 10 MB. */
export const DEFAULT_BODY_LIMIT_BYTES = 1024 * 1024;

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
  413: "payload_too_large",
  415: "unsupported_media_type",
};
const ACCEPTED =
  "send application/json (Pub/Sub push or binary CloudEvent) or application/cloudevents+json";
const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;
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
  const app = Fastify({
    logger: false,
    bodyLimit: deps.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES,
    return503OnClosing: true,
  });
  // Only JSON bodies: text/plain (a default parser) gets 415 like every other media type.
  app.removeContentTypeParser("text/plain");
  app.addContentTypeParser(
    "application/cloudevents+json",
    { parseAs: "string" },
    app.getDefaultJsonParser("error", "error"),
  );

  const requestLog = (req: FastifyRequest, fields?: Readonly<Record<string, unknown>>): Logger =>
    deps.logger.child({
      http_method: req.method,
      http_path: req.url,
      ...traceLogFields(traceFromHeaders(req.headers), deps.project),
      ...fields,
    });

  const fail = (
    reply: FastifyReply,
    status: number,
    error: string,
    message: string,
  ): FastifyReply => reply.code(status).send({ error, message });

  // During a drain, connections that finish their last response are closed right away instead of
  // lingering until the keep-alive timeout (which would hold the process past Cloud Run's 10 s).
  // A timer, not a per-request hook, so normal traffic pays nothing for it.
  app.addHook("preClose", async () => {
    const reaper = setInterval(() => app.server.closeIdleConnections(), 50).unref();
    app.server.once("close", () => clearInterval(reaper));
  });

  app.get("/healthz", async () => ({ status: "ok", ...deps.metrics.snapshot() }));

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
      requestLog(req)[status === 503 ? "error" : "warn"]("push request not authenticated", {
        status,
        error: err,
      });
      return fail(
        reply,
        status,
        status === 401 ? "unauthenticated" : status === 403 ? "forbidden" : "unavailable",
        errorMessage(err),
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
        decoded = decodeRequest(req.headers, req.body);
      } catch (err) {
        requestLog(req).warn("request rejected", { status: 400, error: err });
        return fail(reply, 400, "invalid_event", errorMessage(err));
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

  const allowed: Record<string, readonly string[]> = { "/": ["POST"], "/healthz": ["GET", "HEAD"] };
  for (const [url, allow] of Object.entries(allowed)) {
    app.route({
      method: METHODS.filter((m) => !allow.includes(m)),
      url,
      handler: async (req, reply) => {
        reply.header("allow", allow.join(", "));
        return fail(
          reply,
          405,
          "method_not_allowed",
          `${req.method} ${url} is not allowed; use ${allow.join(" or ")}`,
        );
      },
    });
  }

  app.setNotFoundHandler(async (req, reply) =>
    fail(reply, 404, "not_found", `no route for ${req.method} ${req.url}`),
  );

  // Framework-level rejections (body too large, media type, malformed JSON) and anything unexpected.
  app.setErrorHandler(async (err: FastifyError, req, reply) => {
    const status =
      typeof err.statusCode === "number" && err.statusCode >= 400 && err.statusCode < 600
        ? err.statusCode
        : 500;
    const log = requestLog(req);
    if (status >= 500) {
      log.error("request failed", { status, error: err });
      return fail(reply, status, "internal", "internal error; retry");
    }
    const message =
      status === 415
        ? `content type ${JSON.stringify(req.headers["content-type"] ?? "(none)")} is not accepted; ${ACCEPTED}`
        : err.message;
    log.warn("request rejected", { status, error_code: err.code, error: message });
    return fail(reply, status, FRAMEWORK_CODE[status] ?? "bad_request", message);
  });

  return app;
}
