/**
 * Reading resource properties the way a policy must: as untrusted data in which any value may be
 * unknown during `pulumi preview` (the engine sends a sentinel string for values computed at apply).
 *
 * @pulumi/policy wraps properties in a proxy that throws `UnknownValueError` on the first unknown
 * value it meets; the engine turns that into an advisory "can't run during preview". Policies here
 * read the plain data behind the proxy instead, so that "a dead-letter queue is set, its ARN is not
 * known yet" passes a presence check, and only a check that needs the value itself defers.
 */
import * as policySdk from "@pulumi/policy";
import * as policyProxy from "@pulumi/policy/proxy";
import { unknownValue } from "@pulumi/pulumi/runtime/rpc";
import { z } from "zod";

/** The sentinel the engine sends for a string that is not known until the resource is applied. */
export const UNKNOWN: string = unknownValue;

/** @pulumi/policy's proxy module: the typed sentinels it recognises (its typings omit them). */
const proxyModule = policyProxy as unknown as Record<
  | "unknownBooleanValue"
  | "unknownNumberValue"
  | "unknownStringValue"
  | "unknownArrayValue"
  | "unknownAssetValue"
  | "unknownArchiveValue"
  | "unknownObjectValue",
  string
>;

/**
 * Every unknown sentinel. The engine marshals an unknown by its type (Go `marshalUnknownProperty`):
 * a list not known yet arrives as the array sentinel, an object as the object sentinel, and so on;
 * @pulumi/policy's proxy treats all seven as unknown, and so must the policies.
 */
export const UNKNOWN_SENTINELS: ReadonlySet<string> = new Set([
  UNKNOWN,
  proxyModule.unknownBooleanValue,
  proxyModule.unknownNumberValue,
  proxyModule.unknownStringValue,
  proxyModule.unknownArrayValue,
  proxyModule.unknownAssetValue,
  proxyModule.unknownArchiveValue,
  proxyModule.unknownObjectValue,
]);

/** Marks a property path of @pulumi/policy's proxy; the SDK's own serializer reads the same keys. */
const IS_PROXY = "__isSpecialProxy";
const PROXY_TARGET = "__getSpecialProxyTarget";

type UnknownValueErrorClass = new (sentinel: string, path: readonly string[]) => Error;
type ProxyFactory = (value: Record<string, unknown>) => Record<string, unknown>;

/** @pulumi/policy's runtime exports, typed (its declaration files omit them). */
const sdk = policySdk as unknown as {
  UnknownValueError: UnknownValueErrorClass;
  unknownCheckingProxy: ProxyFactory;
};

/** The error the engine maps to "can't run policy … during preview". */
export const UnknownValueError: UnknownValueErrorClass = sdk.UnknownValueError;

/** Wraps properties exactly as the engine does before handing them to a policy. */
export const unknownCheckingProxy: ProxyFactory = sdk.unknownCheckingProxy;

/** True for any of the engine's unknown sentinels (see {@link UNKNOWN_SENTINELS}). */
export function isUnknown(value: unknown): boolean {
  return typeof value === "string" && UNKNOWN_SENTINELS.has(value);
}

/** The plain data behind @pulumi/policy's proxy (or the value itself when it is not proxied). */
export function plain(value: unknown): unknown {
  if (value !== null && typeof value === "object" && Reflect.get(value, IS_PROXY) === true) {
    return Reflect.get(value, PROXY_TARGET) as unknown;
  }
  return value;
}

/** Defers the policy: the value at `path` decides the outcome and is not known yet. */
export function deferUnknown(path: string): never {
  throw new UnknownValueError(UNKNOWN, path.split("."));
}

/** Returns `value`, or defers the policy when it is the unknown sentinel. */
export function known<T>(value: T, path: string): T {
  if (isUnknown(value)) deferUnknown(path);
  return value;
}

/** True when a property is set: present, not empty, or set to a value not known yet. */
export function isSet(value: unknown): boolean {
  if (value === undefined || value === null || value === "") return false;
  if (Array.isArray(value)) return value.length > 0;
  return true;
}

/** A string, or undefined when absent, empty or unknown: for looking things up by value. */
export function knownString(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" && !isUnknown(value) ? value : undefined;
}

/** Optional field of any schema that also admits the unknown sentinel and null (TF outputs). */
export function field<T extends z.ZodType>(schema: T) {
  const unknown = z.custom<typeof UNKNOWN>((v) => isUnknown(v), "a value not known yet");
  return z.union([unknown, schema]).nullish();
}

/** A plain object: the shape of every resource's properties. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** Every string found anywhere inside a value (for free-text references such as filters). */
export function stringsIn(value: unknown, out: string[] = []): string[] {
  if (typeof value === "string") out.push(value);
  else if (Array.isArray(value)) for (const v of value) stringsIn(v, out);
  else if (isRecord(value)) for (const v of Object.values(value)) stringsIn(v, out);
  return out;
}

/** Describes the first problem zod found, with its property path, for a violation message. */
export function describeShapeError(error: z.ZodError): string {
  const issue = error.issues[0];
  if (issue === undefined) return "unexpected shape";
  const path = issue.path.map(String).join(".") || "(root)";
  return `${path}: ${issue.message}`;
}

/** The object inside an optional field (undefined when absent, null, unknown or a scalar). */
export function objectIn<T>(value: T): Extract<NonNullable<T>, object> | undefined {
  return value !== null && typeof value === "object" && !Array.isArray(value)
    ? (value as Extract<NonNullable<T>, object>)
    : undefined;
}
