/**
 * A ready `gcloud pubsub topics publish` command that publishes the app's sample event exactly as
 * the sample push delivery carries it: CloudEvents Pub/Sub binary binding, context attributes as
 * `ce-*` message attributes, `datacontenttype` as `content-type`, the data as the message body.
 */
import { SAMPLES_DIR, isRecord, readSample, shellQuote } from "../samples";

/** A Pub/Sub message as a push delivery carries it. */
export interface PubSubMessage {
  readonly attributes: Readonly<Record<string, string>>;
  /** Base64 message body. */
  readonly data: string;
}

/** The attributes gcloud users look for first; any others follow in their own order. */
const LEADING = ["ce-specversion", "ce-type", "ce-source", "ce-id"];

/** The message of a push request body; throws naming what is missing. */
export function pushMessage(body: unknown, where: string): PubSubMessage {
  const message = isRecord(body) ? body.message : undefined;
  if (!isRecord(message)) throw new Error(`${where}: has no "message" object`);
  const { attributes, data } = message;
  if (typeof data !== "string") throw new Error(`${where}: message.data must be a base64 string`);
  if (!isRecord(attributes) || !Object.values(attributes).every((v) => typeof v === "string")) {
    throw new Error(`${where}: message.attributes must map names to strings`);
  }
  const attrs = attributes as Record<string, string>;
  for (const required of LEADING) {
    if (attrs[required] === undefined)
      throw new Error(`${where}: attribute ${required} is missing`);
  }
  return { attributes: attrs, data };
}

/** `gcloud pubsub topics publish <topic> --attribute=… --message=…`, quoted for a POSIX shell. */
export function publishCommand(topic: string, message: PubSubMessage): string {
  const names = Object.keys(message.attributes).sort((a, b) => rank(a) - rank(b));
  const pairs = names.map((k) => `${k}=${message.attributes[k] ?? ""}`);
  // gcloud splits list flags on commas; `^;^` switches the delimiter when a value holds one.
  const list = pairs.some((p) => p.includes(",")) ? `^;^${pairs.join(";")}` : pairs.join(",");
  const body = Buffer.from(message.data, "base64").toString("utf8");
  return [
    "gcloud pubsub topics publish",
    topic,
    `--attribute=${shellQuote(list)}`,
    `--message=${shellQuote(body)}`,
  ].join(" ");
}

function rank(name: string): number {
  const i = LEADING.indexOf(name);
  return i < 0 ? LEADING.length : i;
}

/** Reads the sample push delivery (`*push*.json`) from the app's samples. */
export function loadPushSample(dir: string = SAMPLES_DIR): PubSubMessage {
  const { path, json } = readSample(dir, "push", "sample push delivery");
  return pushMessage(json, path);
}
