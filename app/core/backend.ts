/**
 * The downstream system an order change is recorded in. The HTTP client shows the production
 * shape (bearer API key from the secret store, idempotency key, timeout, retryable vs permanent
 * failures); the in-memory one keeps changes in the instance for local runs and tests.
 */
import { PoisonEventError, RetryableError, errorMessage } from "./errors";
import type { SecretSource } from "./secrets";

/** One recorded status change of an order. */
export interface OrderChange {
  /** The event's identity (`eventKey`: source + id), the backend's idempotency key. */
  readonly eventKey: string;
  readonly eventId: string;
  readonly eventSource: string;
  readonly orderId: string;
  readonly status: "placed" | "cancelled" | "shipped";
  readonly occurredAt: string;
  readonly detail: Readonly<Record<string, unknown>>;
}

/** Records order changes; must be idempotent per `eventKey` (ids are unique only per source). */
export interface OrderBackend {
  record(change: OrderChange): Promise<void>;
}

/**
 * Keeps the most recent changes in memory, once per event identity. The bound matters: without
 * `BACKEND_URL` the deployed consumer records here for the life of the instance, and an unbounded
 * history would grow until the instance runs out of memory.
 */
export class InMemoryOrderBackend implements OrderBackend {
  readonly #byOrder = new Map<string, OrderChange[]>();
  readonly #seen = new Set<string>();
  /** Every kept change in arrival order, as a ring: the slot at `#next` holds the oldest. */
  readonly #ring: (OrderChange | undefined)[];
  #next = 0;

  /** `maxChanges`: how many changes are kept (oldest dropped first). Default 10 000. */
  constructor(maxChanges = 10_000) {
    if (!Number.isInteger(maxChanges) || maxChanges < 1) {
      throw new RangeError(`maxChanges must be a positive integer, got ${maxChanges}`);
    }
    this.#ring = new Array<OrderChange | undefined>(maxChanges).fill(undefined);
  }

  record(change: OrderChange): Promise<void> {
    if (!this.#seen.has(change.eventKey)) {
      const oldest = this.#ring[this.#next];
      if (oldest !== undefined) this.#forget(oldest);
      this.#ring[this.#next] = change;
      this.#next = (this.#next + 1) % this.#ring.length;
      this.#seen.add(change.eventKey);
      const history = this.#byOrder.get(change.orderId) ?? [];
      history.push(change);
      this.#byOrder.set(change.orderId, history);
    }
    return Promise.resolve();
  }

  /** The changes kept for one order, oldest first. */
  history(orderId: string): readonly OrderChange[] {
    return this.#byOrder.get(orderId) ?? [];
  }

  /** How many changes are kept. */
  get size(): number {
    return this.#seen.size;
  }

  #forget(change: OrderChange): void {
    this.#seen.delete(change.eventKey);
    const history = this.#byOrder.get(change.orderId);
    // The globally oldest change is also the oldest of its order.
    history?.shift();
    if (history?.length === 0) this.#byOrder.delete(change.orderId);
  }
}

/** Options of the HTTP backend client. */
export interface HttpOrderBackendOptions {
  /** Base URL; changes are POSTed to `<baseUrl>/orders/<orderId>/events`. */
  readonly baseUrl: URL;
  /** The API key, sent as a bearer token when present. */
  readonly apiKey: SecretSource;
  /** Per-request timeout in milliseconds. Default 5000. */
  readonly timeoutMs?: number;
}

/**
 * POSTs each change as JSON. 2xx and 409 (already recorded) succeed; 408, 429, 5xx, 401/403 (a key
 * being rotated) and network errors are retryable; any other 4xx is a permanent rejection.
 */
export function createHttpOrderBackend(options: HttpOrderBackendOptions): OrderBackend {
  const timeoutMs = options.timeoutMs ?? 5000;
  return {
    async record(change) {
      const url = new URL(
        `orders/${encodeURIComponent(change.orderId)}/events`,
        withSlash(options.baseUrl),
      );
      const key = await options.apiKey();
      const headers: Record<string, string> = {
        "content-type": "application/json",
        "idempotency-key": change.eventKey,
      };
      if (key !== undefined) headers.authorization = `Bearer ${key.reveal()}`;
      let response: Response;
      try {
        response = await fetch(url, {
          method: "POST",
          headers,
          body: JSON.stringify(change),
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (err) {
        throw new RetryableError(`backend ${url.origin} unreachable: ${errorMessage(err)}`, {
          cause: err,
        });
      }
      await response.body?.cancel();
      const status = response.status;
      if ((status >= 200 && status < 300) || status === 409) return;
      if (status === 408 || status === 429 || status >= 500 || status === 401 || status === 403) {
        throw new RetryableError(`backend answered ${status} for order ${change.orderId}`);
      }
      throw new PoisonEventError(`backend rejected order ${change.orderId} with ${status}`);
    },
  };
}

function withSlash(url: URL): URL {
  return url.pathname.endsWith("/") ? url : new URL(`${url.href}/`);
}
