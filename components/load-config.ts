/**
 * Reads the stack's `eventstack:*` config from the Pulumi runtime, once, and validates it.
 */
import * as pulumi from "@pulumi/pulumi";
import { parseConfig, type PlatformConfig } from "./config";

/** Parses the running stack's config; throws `ConfigError` before any resource is registered. */
export function loadConfig(): PlatformConfig {
  return parseConfig(pulumi.runtime.allConfig(), { stack: pulumi.getStack() });
}
