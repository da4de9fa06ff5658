/**
 * Turns schema failures into messages that name the field, the offending value and what is
 * allowed, e.g. `message.attributes.ce-specversion: must be "1.0" (got "0.3")`. Everything here
 * renders untrusted input, so output is bounded (issue count, value and path length) and nothing
 * recurses into the input: a deeply nested value cannot overflow the stack.
 */
import type * as z from "zod";

/** Longest rendering of one offending value. */
export const MAX_PREVIEW = 80;
/** Issues listed in one message; the rest are counted. */
export const MAX_ISSUES = 10;
/** Longest rendering of one field path. */
const MAX_PATH = 200;

/**
 * Formats the first `MAX_ISSUES` issues of a failed parse, prefixing paths with `where`;
 * `keyPrefix` is put before the first path segment (binary mode reports `ce-id`, not `id`).
 */
export function describeIssues(error: z.ZodError, where: string, keyPrefix = ""): string {
  const pathOf = (issue: z.core.$ZodIssue): string => {
    const segments = issue.path.map((p, i) => (i === 0 ? `${keyPrefix}${String(p)}` : String(p)));
    return truncate([where, ...segments].filter((p) => p !== "").join(".") || "(root)", MAX_PATH);
  };
  // Missing fields are reported together: "missing a, b" reads better than one line per field.
  const missing = error.issues.filter(
    (i) => i.path.length > 0 && "input" in i && i.input === undefined,
  );
  const others = error.issues.filter((i) => !missing.includes(i));
  const parts = others.slice(0, MAX_ISSUES).map((issue) => {
    const got = "input" in issue ? ` (got ${preview(issue.input)})` : "";
    return `${pathOf(issue)}: ${issue.message}${got}`;
  });
  if (missing.length > 0) {
    const names = missing.slice(0, MAX_ISSUES).map(pathOf).join(", ");
    const more = missing.length > MAX_ISSUES ? ` and ${missing.length - MAX_ISSUES} more` : "";
    parts.unshift(`${names}${more}: missing`);
  }
  if (others.length > MAX_ISSUES) parts.push(`and ${others.length - MAX_ISSUES} more issues`);
  return parts.join("; ");
}

/**
 * A bounded, single-line rendering of an untrusted value. Objects and arrays are shown one level
 * deep (nested ones as `{…}` / `[…]`), never by serialising the whole value.
 */
export function preview(value: unknown, max: number = MAX_PREVIEW): string {
  if (value === undefined) return "nothing";
  if (Array.isArray(value)) {
    const items: string[] = [];
    let length = 2;
    for (const item of value as unknown[]) {
      const text = shallow(item);
      items.push(text);
      length += text.length + 1;
      if (length > max) break;
    }
    return truncate(`[${items.join(",")}]`, max);
  }
  if (Buffer.isBuffer(value)) return `${value.length} bytes`;
  if (typeof value === "object" && value !== null) {
    const members: string[] = [];
    let length = 2;
    for (const key in value) {
      if (!Object.hasOwn(value, key)) continue;
      const text = `${JSON.stringify(truncate(key, max))}:${shallow((value as Record<string, unknown>)[key])}`;
      members.push(text);
      length += text.length + 1;
      if (length > max) break;
    }
    return truncate(`{${members.join(",")}}`, max);
  }
  return truncate(shallow(value), max);
}

/** A primitive as JSON; objects and arrays as placeholders. */
function shallow(value: unknown): string {
  if (Array.isArray(value)) return "[…]";
  if (typeof value === "object" && value !== null) return "{…}";
  if (typeof value === "string") return JSON.stringify(truncate(value, MAX_PREVIEW + 1));
  if (typeof value === "bigint") return `${value}n`;
  return String(value);
}

/** `text` cut to `max` characters, marked with `…` when cut. */
export function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
