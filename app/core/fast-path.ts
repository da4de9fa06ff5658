/**
 * Hand-written fast paths in front of the zod schemas every delivery passes through (the push
 * body, the CloudEvent attributes, the order data). zod stays the judge: a fast path may only
 * accept, returning exactly the value zod would return; for anything it is not sure of it returns
 * `undefined`, and zod then decides and words the error. The fast paths share their patterns and
 * limits with the schemas (same constants), and property tests (test/app/core/fast-path.test.ts)
 * check that each accepts only what its schema accepts, with the same output.
 */
import type * as z from "zod";

/** A fast path: the value zod would return for `input`, or `undefined` to let zod decide. */
export type FastPath<T> = (input: unknown) => T | undefined;

/** A schema's `safeParse` with a fast path in front; both parts stay reachable for tests. */
export interface FastParser<T> {
  (input: unknown): z.ZodSafeParseResult<T>;
  /** The fast path alone. */
  readonly fast: FastPath<T>;
  /** The judge: what decides whenever the fast path declines. */
  readonly schema: z.ZodType<T>;
}

/** `schema.safeParse` (with the offending input in issues) behind `fast`. */
export function withFastPath<T>(schema: z.ZodType<T>, fast: FastPath<T>): FastParser<T> {
  const parse = (input: unknown): z.ZodSafeParseResult<T> => {
    const data = fast(input);
    return data === undefined
      ? schema.safeParse(input, { reportInput: true })
      : { success: true, data };
  };
  return Object.assign(parse, { fast, schema });
}

/**
 * `value` as a record when it is a plain object (the prototype JSON.parse gives, or none), else
 * `undefined`. Arrays, class instances, exotic objects and an own `constructor` are left to zod.
 */
export function plainObject(value: unknown): Readonly<Record<string, unknown>> | undefined {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return undefined;
  // An own `constructor` changes how zod judges plainness; JSON never makes one a function.
  if (Object.hasOwn(value, "constructor")) return undefined;
  return value as Readonly<Record<string, unknown>>;
}

/**
 * Whether an absent value is really absent: `undefined` under a key the object has (only
 * programmatic callers make one; JSON cannot) is left to zod, whose rules for it are subtle.
 */
export function absent(record: Readonly<Record<string, unknown>>, key: string): boolean {
  return !(key in record);
}

/** A string of at least `min` UTF-16 units (zod's `.min`), else `undefined`. */
export function stringOf(value: unknown, min = 0, max = Infinity): string | undefined {
  return typeof value === "string" && value.length >= min && value.length <= max
    ? value
    : undefined;
}

/** A string the (non-global) `pattern` matches, else `undefined`. */
export function matching(value: unknown, pattern: RegExp): string | undefined {
  return typeof value === "string" && pattern.test(value) ? value : undefined;
}

/** A safe integer in `[min, max]` (zod's `z.int().min().max()`), else `undefined`. */
export function intIn(value: unknown, min: number, max: number): number | undefined {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= min && value <= max
    ? value
    : undefined;
}

/**
 * A copy of a record (`z.record(z.string(), item)`) whose every value `each` accepts, or
 * `undefined`. `__proto__`, symbol keys and `undefined` values are left to zod's own rules; for-in
 * sees the enumerable own keys zod reads, in the same order.
 */
export function recordOf<T>(
  value: unknown,
  each: (item: unknown) => T | undefined,
): Record<string, T> | undefined {
  const record = plainObject(value);
  if (
    record === undefined ||
    Object.hasOwn(record, "__proto__") ||
    Object.getOwnPropertySymbols(record).length > 0
  ) {
    return undefined;
  }
  const out: Record<string, T> = {};
  for (const key in record) {
    if (!Object.hasOwn(record, key)) return undefined;
    const item = each(record[key]);
    if (item === undefined) return undefined;
    out[key] = item;
  }
  return out;
}
