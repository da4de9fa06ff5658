/**
 * Reads the stack's `eventstack:*` config from the Pulumi runtime, once, and validates it.
 */
import * as pulumi from "@pulumi/pulumi";
import { parseConfig, type PlatformConfig } from "./config";

/**
 * Whether the engine passed `key` as a secret. `isConfigSecret` is exported by
 * @pulumi/pulumi's runtime/config.js (marked internal, so absent from its typings): it reads the
 * secret keys the engine hands the program (`PULUMI_CONFIG_SECRET_KEYS`).
 */
function isConfigSecret(key: string): boolean {
  const fn: unknown = Reflect.get(pulumi.runtime, "isConfigSecret");
  return typeof fn === "function" && Reflect.apply(fn, undefined, [key]) === true;
}

/** Parses the running stack's config; throws `ConfigError` before any resource is registered. */
export function loadConfig(): PlatformConfig {
  const raw = pulumi.runtime.allConfig();
  return parseConfig(raw, {
    stack: pulumi.getStack(),
    secretKeys: Object.keys(raw).filter(isConfigSecret),
  });
}
