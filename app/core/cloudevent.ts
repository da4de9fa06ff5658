/**
 * The CloudEvents 1.0 model both runtimes share, and the two mappings every binding reduces to:
 * structured (one JSON object holding attributes and data) and binary (`ce-*` attributes or
 * headers beside the data). Pub/Sub push, CloudEvents over HTTP and EventBridge all end here.
 */
import type { CloudEventV1 } from "cloudevents";
import * as z from "zod";
import { InvalidEventError } from "./errors";
import { absent, matching, plainObject, stringOf, withFastPath } from "./fast-path";
import { MAX_PREVIEW, describeIssues, preview, truncate } from "./issues";
import { freshRecord, nullPrototypeCopy, ownValue } from "./own-record";
import { TIMESTAMP, timestamp } from "./timestamp";

/** A validated CloudEvent; `data` is untrusted until a domain schema narrows it. */
export type CloudEvent = Readonly<CloudEventV1<unknown>>;

const EXTENSION_NAME = /^[a-z0-9]{1,20}$/;

/**
 * Longest accepted `id` and `source`, in UTF-8 bytes. The event identity travels as Pub/Sub
 * attributes (`ce-id`, `ce-source`), whose values are at most 1024 bytes
 * (https://cloud.google.com/pubsub/quotas#resource_limits), so no deliverable event needs more;
 * the bound also keeps the dedupe store and every echoed id small.
 */
export const MAX_IDENTITY_BYTES = 1024;

const identityBytes = (value: string): boolean =>
  Buffer.byteLength(value, "utf8") <= MAX_IDENTITY_BYTES;

const SOURCE = /^\S+$/;

/** Context attributes of a CloudEvents 1.0 event (spec §3.1); extensions are checked separately. */
const attributesSchema = z.object({
  specversion: z.literal("1.0", { error: 'must be "1.0"' }),
  id: z
    .string()
    .min(1, "must be a non-empty string")
    .refine(identityBytes, `must be at most ${MAX_IDENTITY_BYTES} bytes (UTF-8)`),
  source: z
    .string()
    .regex(SOURCE, "must be a non-empty URI-reference without spaces")
    .refine(identityBytes, `must be at most ${MAX_IDENTITY_BYTES} bytes (UTF-8)`),
  type: z.string().min(1, "must be a non-empty string"),
  datacontenttype: z.string().min(1).optional(),
  dataschema: z.url().optional(),
  subject: z.string().min(1).optional(),
  time: timestamp.optional(),
});

type Attributes = z.output<typeof attributesSchema>;
/** The names zod and the fast path read from an attribute record without an own-key test. */
const ATTRIBUTE_NAMES: readonly string[] = Object.keys(attributesSchema.shape);

/**
 * `attributesSchema`'s result for ordinary attributes, or `undefined` (zod decides): members in
 * the schema's order, unknown ones dropped. A `dataschema` (a URL, judged by zod's URL rules)
 * always goes to zod.
 */
function fastAttributes(input: unknown): Attributes | undefined {
  const record = plainObject(input);
  if (record === undefined || record.specversion !== "1.0") return undefined;
  const id = stringOf(record.id, 1);
  const source = matching(record.source, SOURCE);
  const type = stringOf(record.type, 1);
  if (id === undefined || source === undefined || type === undefined) return undefined;
  if (!identityBytes(id) || !identityBytes(source) || !absent(record, "dataschema")) {
    return undefined;
  }
  const out: Attributes = { specversion: "1.0", id, source, type };
  const { datacontenttype, subject, time } = record;
  if (datacontenttype !== undefined) {
    const value = stringOf(datacontenttype, 1);
    if (value === undefined) return undefined;
    out.datacontenttype = value;
  } else if (!absent(record, "datacontenttype")) return undefined;
  if (subject !== undefined) {
    const value = stringOf(subject, 1);
    if (value === undefined) return undefined;
    out.subject = value;
  } else if (!absent(record, "subject")) return undefined;
  if (time !== undefined) {
    const value = matching(time, TIMESTAMP);
    if (value === undefined) return undefined;
    out.time = value;
  } else if (!absent(record, "time")) return undefined;
  return out;
}

/** `attributesSchema.safeParse` with the fast path in front (exported for the agreement tests). */
export const parseContextAttributes = withFastPath(attributesSchema, fastAttributes);

/** A valid extension value as is (`extensionValue` returns it unchanged), else `undefined`. */
function fastExtensionValue(value: unknown): string | number | boolean | undefined {
  return typeof value === "string" ||
    typeof value === "boolean" ||
    (typeof value === "number" && Number.isSafeInteger(value))
    ? value
    : undefined;
}

const extensionValue = z.union([z.string(), z.int(), z.boolean()], {
  error: "must be a string, integer or boolean",
});

/** `extensionValue.safeParse` with the fast path in front (exported for the agreement tests). */
export const parseExtensionValue = withFastPath(extensionValue, fastExtensionValue);

const CORE = new Set(["specversion", "id", "source", "type", "datacontenttype", "dataschema"]);
const OPTIONAL = new Set(["subject", "time", "data", "data_base64"]);

/**
 * Validates a structured-mode event (JSON event format). `where` prefixes field names in errors.
 * `data_base64` is decoded to bytes and then, for JSON content types, parsed. An attribute whose
 * value is `null` is absent (JSON format §2.2: "When decoding attributes and a null value is
 * encountered, it MUST be treated as the equivalent of unset or omitted", cloudevents/spec
 * cloudevents/formats/json-format.md); `data: null` stays, as an explicit null value (§3.1.1).
 */
export function fromStructured(json: unknown, where: string): CloudEvent {
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    throw new InvalidEventError(`${where}: must be a CloudEvents JSON object`);
  }
  // A null-prototype copy: a `__proto__` member is then an ordinary (refused) attribute name.
  const record: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const [key, value] of Object.entries(json)) {
    if (value !== null || key === "data") record[key] = value;
  }
  const attributes = parseAttributes(record, where);
  let data: unknown = record.data;
  if (record.data_base64 !== undefined) {
    if (record.data !== undefined) {
      throw new InvalidEventError(`${where}: has both data and data_base64; send only one`);
    }
    data = decodeData(
      decodeBase64(record.data_base64, `${where}.data_base64`),
      attributes.datacontenttype,
      `${where}.data_base64`,
    );
  }
  return data === undefined ? attributes : { ...attributes, data };
}

/**
 * `ce-<name>` → `<name>` for the context attributes: the constant names, instead of a new string
 * per event that every use as a property key must first look up in V8's string table.
 */
const BINARY_NAMES: ReadonlyMap<string, string> = new Map(
  ATTRIBUTE_NAMES.map((name) => [`ce-${name}`, name]),
);

/**
 * Validates a binary-mode event: `ce-<name>` entries become attributes and `content-type` becomes
 * `datacontenttype` (HTTP and Pub/Sub bindings §3.1). Keys must already be lower-case.
 */
export function fromBinary(
  fields: Readonly<Record<string, string>>,
  data: unknown,
  where: string,
): CloudEvent {
  // Ordinary unless Object.prototype carries an attribute name, which every read would inherit.
  let record = freshRecord<unknown>(ATTRIBUTE_NAMES);
  // for-in with an own-key test: the keys Object.entries gives, without its array per event.
  for (const key in fields) {
    if (!key.startsWith("ce-") || !Object.hasOwn(fields, key)) continue;
    const name = BINARY_NAMES.get(key) ?? key.slice(3);
    // A `ce-__proto__` attribute must reach the name check as data, not replace the prototype:
    // from then on the record has none. (Ordinary objects stay fast for every other event.)
    if (name === "__proto__") record = nullPrototypeCopy(record);
    record[name] = fields[key];
  }
  const contentType = ownValue(fields, "content-type");
  if (record.datacontenttype === undefined && contentType !== undefined) {
    record.datacontenttype = contentType;
  }
  return parseAttributes(record, where, "ce-", data);
}

/** The event from validated attributes, then extensions, then `data` when given. */
function parseAttributes(
  record: Readonly<Record<string, unknown>>,
  where: string,
  prefix = "",
  data: unknown = undefined,
): CloudEvent {
  // The fast path's result is a fresh object holding only defined members: it becomes the event.
  let event: Record<string, unknown> | undefined = parseContextAttributes.fast(record);
  if (event === undefined) {
    const parsed = parseContextAttributes.schema.safeParse(record, { reportInput: true });
    if (!parsed.success) throw new InvalidEventError(describeIssues(parsed.error, where, prefix));
    event = {};
    const attributes: Readonly<Record<string, unknown>> = parsed.data;
    for (const key in attributes) {
      const value = attributes[key];
      if (value !== undefined && Object.hasOwn(attributes, key)) event[key] = value;
    }
  }
  for (const name in record) {
    if (CORE.has(name) || OPTIONAL.has(name) || !Object.hasOwn(record, name)) continue;
    const value = record[name];
    if (!EXTENSION_NAME.test(name)) {
      throw new InvalidEventError(
        `${where}.${prefix}${truncate(name, MAX_PREVIEW)}: extension attribute names must be 1-20 lower-case letters or digits`,
      );
    }
    const ext = parseExtensionValue(value);
    if (!ext.success)
      throw new InvalidEventError(describeIssues(ext.error, `${where}.${prefix}${name}`));
    event[name] = ext.data;
  }
  if (data !== undefined) event.data = data;
  return event as CloudEvent;
}

/** Whether a media type carries JSON (`application/json`, `…+json`), ignoring parameters. */
export function isJsonMediaType(contentType: string | undefined): boolean {
  if (contentType === undefined) return false;
  const end = contentType.indexOf(";");
  const type = (end < 0 ? contentType : contentType.slice(0, end)).trim().toLowerCase();
  return type === "application/json" || type.endsWith("+json");
}

/**
 * Turns event bytes into the in-memory data value: JSON content types are parsed (and must
 * parse); without a content type JSON is tried first; text stays text; anything else stays bytes.
 */
export function decodeData(bytes: Buffer, contentType: string | undefined, where: string): unknown {
  if (isJsonMediaType(contentType) || contentType === undefined) {
    const text = bytes.toString("utf8");
    try {
      return JSON.parse(text) as unknown;
    } catch {
      if (contentType !== undefined) {
        throw new InvalidEventError(
          `${where}: is not valid JSON although the content type is ${contentType}`,
        );
      }
      return text;
    }
  }
  return contentType.toLowerCase().startsWith("text/") ? bytes.toString("utf8") : bytes;
}

/**
 * Strict base64 decoding (RFC 4648 §4): `Buffer.from` alone silently skips characters outside the
 * alphabet, so the decoded bytes must encode back to exactly the input (canonical form, padded).
 */
export function decodeBase64(value: unknown, where: string): Buffer {
  const bytes = typeof value === "string" ? Buffer.from(value, "base64") : undefined;
  if (bytes === undefined || bytes.toString("base64") !== value) {
    throw new InvalidEventError(
      `${where}: must be a base64 string (RFC 4648), got ${preview(value)}`,
    );
  }
  return bytes;
}
