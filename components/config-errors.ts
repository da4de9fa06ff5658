/**
 * Turns schema issues into messages that name the key, the value and what is allowed,
 * e.g. `eventstack:cloud must be "gcp" or "aws", got "azure"`.
 */
import type { core } from "zod";

/** One problem with one key. */
export interface ConfigProblem {
  /** Full key path, e.g. `eventstack:consumers[0].maxDeliveryAttempts`. */
  readonly key: string;
  /** A complete sentence naming the key, the value and what is allowed. */
  readonly message: string;
}

/** Thrown when the stack config is invalid; carries every problem found, not just the first. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly ConfigProblem[]) {
    super(
      problems.length === 1
        ? (problems[0]?.message ?? "invalid configuration")
        : `${problems.length} configuration problems: ${problems.map((p) => p.message).join("; ")}`,
    );
    this.name = "ConfigError";
  }
}

/** `["consumers", 0, "name"]` → `eventstack:consumers[0].name`. */
export function formatKey(namespace: string, path: readonly PropertyKey[]): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out === "" ? String(part) : `.${String(part)}`;
  }
  return `${namespace}:${out}`;
}

function show(value: unknown): string {
  if (value === undefined) return "nothing";
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let cur: unknown = root;
  for (const part of path) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[part];
  }
  return cur;
}

function orList(values: readonly unknown[]): string {
  const shown = values.map((v) => JSON.stringify(v));
  if (shown.length <= 1) return shown.join("");
  return `${shown.slice(0, -1).join(", ")} or ${shown[shown.length - 1]}`;
}

/** Describes one zod issue as a {@link ConfigProblem}. */
export function describeIssue(
  namespace: string,
  issue: core.$ZodIssue,
  decoded: unknown,
): ConfigProblem {
  const key = formatKey(namespace, issue.path);
  const got = `got ${show("input" in issue && issue.input !== undefined ? issue.input : valueAt(decoded, issue.path))}`;
  let message: string;
  switch (issue.code) {
    case "invalid_value":
      message = `${key} must be ${orList(issue.values)}, ${got}`;
      break;
    case "invalid_type":
      message =
        valueAt(decoded, issue.path) === undefined
          ? `${key} is required (${issue.expected})`
          : `${key} must be ${article(issue.expected)}, ${got}`;
      break;
    case "too_small":
      message =
        issue.origin === "array" || issue.origin === "string"
          ? `${key} must have at least ${issue.minimum} ${issue.origin === "array" ? "item(s)" : "character(s)"}, ${got}`
          : `${key} must be ${issue.inclusive === false ? ">" : "≥"} ${issue.minimum}, ${got}`;
      break;
    case "too_big":
      message =
        issue.origin === "array" || issue.origin === "string"
          ? `${key} must have at most ${issue.maximum} ${issue.origin === "array" ? "item(s)" : "character(s)"}, ${got}`
          : `${key} must be ${issue.inclusive === false ? "<" : "≤"} ${issue.maximum}, ${got}`;
      break;
    case "unrecognized_keys":
      message = `${key} has unknown field(s) ${issue.keys.map((k) => JSON.stringify(k)).join(", ")}`;
      break;
    case "invalid_format":
      message = `${key} must be ${issue.message.startsWith("Invalid") ? article(issue.format) : issue.message}, ${got}`;
      break;
    case "invalid_key":
      message = `${key} is not an allowed key: it must be ${issue.issues.map((i) => i.message).join("; ")}`;
      break;
    default:
      message = `${key} must be ${issue.message}, ${got}`;
  }
  return { key, message };
}

function article(noun: string): string {
  return /^[aeiou]/i.test(noun) ? `an ${noun}` : `a ${noun}`;
}
