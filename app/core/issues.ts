/**
 * Turns schema failures into messages that name the field, the offending value and what is
 * allowed, e.g. `message.attributes.ce-specversion: must be "1.0" (got "0.3")`.
 */
import type * as z from "zod";

const MAX_PREVIEW = 80;

/**
 * Formats every issue of a failed parse, prefixing paths with `where`; `keyPrefix` is put before
 * the first path segment (binary mode reports `ce-id`, not `id`).
 */
export function describeIssues(error: z.ZodError, where: string, keyPrefix = ""): string {
  const pathOf = (issue: z.core.$ZodIssue): string => {
    const segments = issue.path.map((p, i) => (i === 0 ? `${keyPrefix}${String(p)}` : String(p)));
    return [where, ...segments].filter((p) => p !== "").join(".") || "(root)";
  };
  // Missing fields are reported together: "missing a, b" reads better than one line per field.
  const missing = error.issues.filter(
    (i) => i.path.length > 0 && "input" in i && i.input === undefined,
  );
  const others = error.issues.filter((i) => !missing.includes(i));
  const parts = others.map((issue) => {
    const got = "input" in issue ? ` (got ${preview(issue.input)})` : "";
    return `${pathOf(issue)}: ${issue.message}${got}`;
  });
  if (missing.length > 0) parts.unshift(`${missing.map(pathOf).join(", ")}: missing`);
  return parts.join("; ");
}

/** A bounded, single-line rendering of an untrusted value. */
export function preview(value: unknown): string {
  if (value === undefined) return "nothing";
  let text: string;
  try {
    text =
      typeof value === "string" ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  } catch {
    text = String(value);
  }
  return text.length > MAX_PREVIEW ? `${text.slice(0, MAX_PREVIEW)}…` : text;
}
