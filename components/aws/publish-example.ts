/**
 * A ready `aws events put-events` command that publishes the app's sample event the way the
 * sample EventBridge delivery carries it: `source` ← ce source, `detail-type` ← ce type, `detail`
 * ← the rest of the CloudEvent (so `detail.id` keeps the ce id and `detail.data` the data).
 */
import { SAMPLES_DIR, isRecord, readSample, shellQuote } from "../samples";

/** The parts of a delivered EventBridge event that a publisher sets. */
export interface EventBridgeSample {
  readonly source: string;
  readonly detailType: string;
  readonly detail: Readonly<Record<string, unknown>>;
}

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
  const { path, json } = readSample(dir, "eventbridge", "sample delivery");
  return eventBridgeSample(json, path);
}
