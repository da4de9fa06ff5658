/** Reading recorded properties: nested paths, provider inputs sent as JSON text, strings only. */
import type { RecordedResource } from "../../policies/offline/mock-types";
import { isRecord } from "../lib/values";

/**
 * The values at `path` (dot-separated; `*` walks every element of an array), skipping holes.
 * Provider inputs reach the engine as JSON text for nested values (`defaultTags`), so a string that
 * holds a JSON object or array is walked too.
 */
export function valuesAt(value: unknown, path: string): unknown[] {
  let current: unknown[] = [value];
  for (const part of path.split(".")) {
    const next: unknown[] = [];
    for (const v of current.map(decodeJsonText)) {
      if (part === "*") {
        if (Array.isArray(v)) next.push(...v);
      } else if (isRecord(v) && v[part] !== undefined && v[part] !== null) {
        next.push(v[part]);
      }
    }
    current = next;
  }
  return current.map(decodeJsonText);
}

/** The first string at `path`, if any. */
export function stringAt(value: unknown, path: string): string | undefined {
  return valuesAt(value, path).find((v): v is string => typeof v === "string");
}

/** The first finite number at `path`, if any (numbers sent as text count). */
export function numberAt(value: unknown, path: string): number | undefined {
  for (const v of valuesAt(value, path)) {
    if (typeof v === "number" && Number.isFinite(v)) return v;
    if (typeof v === "string" && /^-?\d+(\.\d+)?$/.test(v)) return Number(v);
  }
  return undefined;
}

function decodeJsonText(v: unknown): unknown {
  if (typeof v !== "string" || !/^\s*[[{]/.test(v)) return v;
  try {
    return JSON.parse(v) as unknown;
  } catch {
    return v;
  }
}

/**
 * The properties a rule judges: the program's inputs, falling back to the recorded outputs for
 * what the inputs leave to the provider (a stack export's inputs hold auto-names too).
 */
export function propertiesOf(r: RecordedResource): Record<string, unknown> {
  return { ...r.outputs, ...r.inputs };
}

/** The explicit provider resource of `r` (`urn::id` reference), if it has one in `all`. */
export function providerOf(
  r: RecordedResource,
  byUrn: ReadonlyMap<string, RecordedResource>,
): RecordedResource | undefined {
  if (r.provider === undefined) return undefined;
  const urn = r.provider.slice(0, r.provider.lastIndexOf("::"));
  return byUrn.get(urn);
}

/** `"a"`, `"a" and "b"` quoted for messages. */
export function quote(value: string): string {
  return JSON.stringify(value);
}
