/**
 * The shape of one row of a cloud's limits table: a property of a resource type and what the
 * cloud's API accepts there. Each table row cites the document it comes from.
 */
export type LimitCheck =
  /** String length in characters (`unit: "bytes"`: UTF-8 bytes). */
  | { readonly kind: "length"; readonly min: number; readonly max: number; readonly unit?: "bytes" }
  /** The whole string matches; `allowed` says it in words. */
  | { readonly kind: "pattern"; readonly pattern: RegExp; readonly allowed: string }
  /** A number within [min, max]. */
  | { readonly kind: "range"; readonly min: number; readonly max: number }
  /** A duration string such as `"600s"` whose seconds lie within [min, max]. */
  | { readonly kind: "duration"; readonly min: number; readonly max: number }
  /** One of a fixed set of numbers. */
  | { readonly kind: "oneOf"; readonly values: readonly number[] }
  /** An object with at most `max` keys (labels, tags). */
  | { readonly kind: "count"; readonly max: number };

export interface LimitRow {
  readonly type: string;
  /** Dot path into the resource's properties; `*` walks arrays. */
  readonly property: string;
  readonly check: LimitCheck;
  /** The document the limit comes from. */
  readonly doc: string;
}

/** What is wrong with `value` under `check`, or undefined when the cloud accepts it. */
export function violates(check: LimitCheck, value: unknown): string | undefined {
  switch (check.kind) {
    case "length": {
      if (typeof value !== "string") return undefined;
      const n = check.unit === "bytes" ? Buffer.byteLength(value, "utf8") : [...value].length;
      const unit = check.unit === "bytes" ? "bytes" : "characters";
      if (n < check.min || n > check.max)
        return `must be ${check.min}-${check.max} ${unit}, got ${n}`;
      return undefined;
    }
    case "pattern":
      if (typeof value !== "string" || check.pattern.test(value)) return undefined;
      return `must be ${check.allowed}`;
    case "range": {
      const n = typeof value === "string" && /^-?\d+$/.test(value) ? Number(value) : value;
      if (typeof n !== "number") return undefined;
      if (n < check.min || n > check.max) return `must be ${check.min}-${check.max}, got ${n}`;
      return undefined;
    }
    case "duration": {
      if (typeof value !== "string") return undefined;
      const m = /^(\d+(?:\.\d+)?)s$/.exec(value);
      if (m === null) return `must be a duration in seconds such as "600s"`;
      const s = Number(m[1]);
      if (s < check.min || s > check.max)
        return `must be ${check.min}s-${check.max}s, got ${value}`;
      return undefined;
    }
    case "oneOf": {
      const n = typeof value === "string" && /^\d+$/.test(value) ? Number(value) : value;
      if (typeof n !== "number" || check.values.includes(n)) return undefined;
      return `must be one of ${check.values.join(", ")}, got ${n}`;
    }
    case "count": {
      if (value === null || typeof value !== "object" || Array.isArray(value)) return undefined;
      const n = Object.keys(value).length;
      return n > check.max ? `must hold at most ${check.max} entries, got ${n}` : undefined;
    }
  }
}
