/**
 * The `--cost` flags of `check`: which usage to assume and whether to subtract the free tier.
 * Each value is validated with an error naming the flag, the value and what is allowed.
 */
import { ASSUMPTION_FLAGS, parseAssumption, type AssumptionOverrides } from "./assumptions";
import { CostInputError } from "./errors";

/** `parseArgs` options for the cost flags, to spread into the command's options. */
export const COST_OPTIONS = {
  cost: { type: "boolean", default: false },
  "events-per-month": { type: "string" },
  "avg-duration-ms": { type: "string" },
  "payload-kb": { type: "string" },
  "consumers-per-event": { type: "string" },
  "dead-letter-percent": { type: "string" },
  "free-tier": { type: "boolean", default: false },
  "no-free-tier": { type: "boolean", default: false },
} as const;

/** The lines `--help` shows for the cost flags. */
export const COST_HELP = `  --cost                add a monthly cost estimate (USD) from the price tables in policies/offline/cost/
  --events-per-month N  events published per month (default 1000000)
  --avg-duration-ms N   processing time per delivery (default 100)
  --payload-kb N        event payload size (default 1)
  --consumers-per-event N  consumers each event reaches (default: every consumer)
  --dead-letter-percent N  deliveries dead-lettered (default 1)
  --free-tier / --no-free-tier  subtract the monthly free tiers from the totals (default: not)`;

/** What `--cost` asks for. */
export interface CostArgs {
  readonly assumptions: AssumptionOverrides;
  readonly freeTier: boolean;
}

type Values = Readonly<Record<string, string | boolean | (string | boolean)[] | undefined>>;

const KEYS = Object.keys(ASSUMPTION_FLAGS) as (keyof AssumptionOverrides)[];

/** The cost request, or undefined without `--cost`; throws {@link CostInputError} on bad values. */
export function parseCostArgs(values: Values): CostArgs | undefined {
  const given = KEYS.filter((key) => values[ASSUMPTION_FLAGS[key].flag.slice(2)] !== undefined);
  const freeTier = values["free-tier"] === true;
  if (freeTier && values["no-free-tier"] === true) {
    throw new CostInputError("--free-tier and --no-free-tier contradict each other; give one");
  }
  if (values.cost !== true) {
    const stray = [
      ...given.map((key) => ASSUMPTION_FLAGS[key].flag),
      ...(freeTier ? ["--free-tier"] : []),
      ...(values["no-free-tier"] === true ? ["--no-free-tier"] : []),
    ];
    if (stray.length > 0) throw new CostInputError(`${stray.join(", ")}: allowed only with --cost`);
    return undefined;
  }
  const assumptions: Partial<Record<keyof AssumptionOverrides, number>> = {};
  for (const key of given) {
    const text = values[ASSUMPTION_FLAGS[key].flag.slice(2)];
    if (typeof text !== "string") continue;
    assumptions[key] = parseAssumption(key, text);
  }
  return { assumptions, freeTier };
}
