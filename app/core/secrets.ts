/**
 * Secret values travel wrapped so they cannot reach a log line by accident: `String()`,
 * `JSON.stringify()` and `util.inspect()` all print `[redacted]`; only `reveal()` gives the value.
 */
import { inspect } from "node:util";

const REDACTED = "[redacted]";

/** A secret value that redacts itself everywhere except `reveal()`. */
export class Secret {
  readonly #value: string;

  constructor(value: string) {
    if (value.length === 0) throw new Error("a secret value must not be empty");
    this.#value = value;
  }

  /** The raw value, for the one place that must send it (an Authorization header). */
  reveal(): string {
    return this.#value;
  }

  toString(): string {
    return REDACTED;
  }

  toJSON(): string {
    return REDACTED;
  }

  [inspect.custom](): string {
    return `Secret(${REDACTED})`;
  }
}

/** Where the backend API key comes from; resolves `undefined` when none is configured. */
export type SecretSource = () => Promise<Secret | undefined>;

/** A source for a value already in hand (Cloud Run injects the secret as an env var at start). */
export function staticSecret(secret: Secret | undefined): SecretSource {
  return () => Promise.resolve(secret);
}
