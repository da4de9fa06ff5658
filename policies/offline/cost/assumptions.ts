/**
 * The usage an estimate assumes: how many events, how long each delivery takes, how big they are
 * and how many consumers each one reaches. Every value can be set on the command line.
 */
import { CostInputError } from "./errors";

/** A usage value out of range; `check --cost` exits 2. */
export class AssumptionError extends CostInputError {
  constructor(message: string) {
    super(message);
    this.name = "AssumptionError";
  }
}

export interface Assumptions {
  /** Events published per month. Default 1,000,000. */
  readonly eventsPerMonth: number;
  /** Average processing time of one delivery, in milliseconds. Default 100. */
  readonly avgDurationMs: number;
  /** Average event payload (the CloudEvent's data), in KB (1,024 bytes). Default 1. */
  readonly payloadKb: number;
  /**
   * Consumers each event is delivered to. Default: every consumer of the stack (each event
   * matches every consumer's filter), the most a stack can be charged for.
   */
  readonly consumersPerEvent: number;
  /** Deliveries that end on a dead-letter queue, in percent. Default 1. */
  readonly deadLetterPercent: number;
  /** Log volume one delivery writes (platform request log plus one JSON line), in KB. Default 1. */
  readonly logKbPerDelivery: number;
}

/** Defaults for every value except `consumersPerEvent`, which depends on the stack. */
export const DEFAULT_ASSUMPTIONS = {
  eventsPerMonth: 1_000_000,
  avgDurationMs: 100,
  payloadKb: 1,
  deadLetterPercent: 1,
  logKbPerDelivery: 1,
} as const;

/** What the command line may set; unset values take the defaults. */
export type AssumptionOverrides = Partial<Omit<Assumptions, "logKbPerDelivery">>;

interface Bound {
  readonly flag: string;
  readonly min: number;
  readonly max: number;
  readonly integer: boolean;
}

/** The command-line flag of each value and what it allows. */
export const ASSUMPTION_FLAGS: Readonly<Record<keyof AssumptionOverrides, Bound>> = {
  eventsPerMonth: { flag: "--events-per-month", min: 0, max: 1e12, integer: true },
  avgDurationMs: { flag: "--avg-duration-ms", min: 1, max: 900_000, integer: false },
  payloadKb: { flag: "--payload-kb", min: 0, max: 1024, integer: false },
  consumersPerEvent: { flag: "--consumers-per-event", min: 0, max: 25, integer: false },
  deadLetterPercent: { flag: "--dead-letter-percent", min: 0, max: 100, integer: false },
};

/** Parses one flag's text; throws {@link AssumptionError} naming the flag, the value and the range. */
export function parseAssumption(key: keyof AssumptionOverrides, text: string): number {
  const { flag, min, max, integer } = ASSUMPTION_FLAGS[key];
  const allowed = `${integer ? "an integer" : "a number"} from ${min} to ${max}`;
  const value = /^\s*$/.test(text) ? Number.NaN : Number(text);
  if (
    !Number.isFinite(value) ||
    value < min ||
    value > max ||
    (integer && !Number.isInteger(value))
  ) {
    throw new AssumptionError(`${flag} must be ${allowed}, got ${JSON.stringify(text)}`);
  }
  return value;
}

/** The assumptions for a stack with `consumers` consumers. */
export function resolveAssumptions(overrides: AssumptionOverrides, consumers: number): Assumptions {
  const consumersPerEvent = overrides.consumersPerEvent ?? consumers;
  if (consumersPerEvent > consumers && consumers > 0) {
    throw new AssumptionError(
      `--consumers-per-event must be at most the stack's ${consumers} consumers, got ${consumersPerEvent}`,
    );
  }
  return { ...DEFAULT_ASSUMPTIONS, ...overrides, consumersPerEvent };
}
