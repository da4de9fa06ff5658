/**
 * A ready `aws events put-events` command that publishes the app's sample event the way the
 * sample EventBridge delivery carries it: `source` ← ce source, `detail-type` ← ce type, `detail`
 * ← the rest of the CloudEvent (so `detail.id` keeps the ce id and `detail.data` the data).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** The parts of a delivered EventBridge event that a publisher sets. */
export interface EventBridgeSample {
  readonly source: string;
  readonly detailType: string;
  readonly detail: Readonly<Record<string, unknown>>;
}

/** The app's samples, next to the code that reads them. */
export const SAMPLES_DIR = join(__dirname, "..", "..", "app", "samples");

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** The publisher-set fields of a delivered event; throws naming what is missing. */
export function eventBridgeSample(event: unknown, where: string): EventBridgeSample {
  if (!isRecord(event)) throw new Error(`${where}: must be a JSON object`);
  const { source, detail } = event;
  const detailType = event["detail-type"];
  if (typeof source !== "string" || source === "")
    throw new Error(`${where}: "source" must be a non-empty string`);
  if (typeof detailType !== "string" || detailType === "") {
    throw new Error(`${where}: "detail-type" must be a non-empty string`);
  }
  if (!isRecord(detail)) throw new Error(`${where}: "detail" must be a JSON object`);
  return { source, detailType, detail };
}

const shellQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** `aws events put-events --region … --entries '[…]'`, quoted for a POSIX shell. */
export function putEventsCommand(
  region: string,
  busName: string,
  sample: EventBridgeSample,
): string {
  const entries = [
    {
      EventBusName: busName,
      Source: sample.source,
      DetailType: sample.detailType,
      Detail: JSON.stringify(sample.detail),
    },
  ];
  return `aws events put-events --region ${region} --entries ${shellQuote(JSON.stringify(entries))}`;
}

/** Reads the sample EventBridge delivery (`*eventbridge*.json`) from the app's samples. */
export function loadEventBridgeSample(dir: string = SAMPLES_DIR): EventBridgeSample {
  const files = readdirSync(dir).filter((f) => f.includes("eventbridge") && f.endsWith(".json"));
  const file = files.sort()[0];
  if (file === undefined) throw new Error(`${dir} holds no *eventbridge*.json sample delivery`);
  const path = join(dir, file);
  return eventBridgeSample(JSON.parse(readFileSync(path, "utf8")) as unknown, path);
}
