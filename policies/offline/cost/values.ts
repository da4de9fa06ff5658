/** Small readers over recorded inputs (plain JSON), and the units the estimators share. */

/** Hours in a month, as both clouds' pricing pages count them. */
export const HOURS_PER_MONTH = 730;
export const SECONDS_PER_MONTH = HOURS_PER_MONTH * 3600;
export const KIB = 1024;
export const GIB = 1024 ** 3;
export const TIB = 1024 ** 4;

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** `value[key]` when it is a record, else an empty one. */
export function rec(value: unknown, key: string): Record<string, unknown> {
  const inner = isRecord(value) ? value[key] : undefined;
  return isRecord(inner) ? inner : {};
}

export function str(value: unknown, key: string): string | undefined {
  const inner = isRecord(value) ? value[key] : undefined;
  return typeof inner === "string" ? inner : undefined;
}

/** A number, or a numeric string (exports may carry either). */
export function num(value: unknown, key: string): number | undefined {
  const inner = isRecord(value) ? value[key] : undefined;
  if (typeof inner === "number" && Number.isFinite(inner)) return inner;
  if (typeof inner === "string" && inner.trim() !== "" && Number.isFinite(Number(inner))) {
    return Number(inner);
  }
  return undefined;
}

export function list(value: unknown, key: string): unknown[] {
  const inner = isRecord(value) ? value[key] : undefined;
  return Array.isArray(inner) ? inner : [];
}

/** The last `/`- or `:`-separated segment: a topic's, queue's or log group's short name. */
export function lastSegment(name: string): string {
  return name.split(/[/:]/).pop() ?? name;
}

/** A protobuf duration such as `"604800s"` in seconds; undefined when absent or malformed. */
export function durationSeconds(value: unknown, key: string): number | undefined {
  const text = str(value, key);
  const match = text === undefined ? null : /^(\d+(?:\.\d+)?)s$/.exec(text);
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

/** Formats a count for an assumption sentence: `1,000,000`, `0.5`. */
export function count(n: number): string {
  return n.toLocaleString("en-US", { maximumFractionDigits: 2 });
}
