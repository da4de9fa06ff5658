/**
 * What `index.ts` needs from each cloud's top-level component.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { PlatformConfig } from "./config";

/** Arguments of a cloud's top-level platform component. */
export interface PlatformArgs {
  /** The validated stack config; the component reads nothing else. */
  readonly config: PlatformConfig;
}

/** A cloud's top-level platform component. */
export interface Platform {
  /** The values exported as stack outputs. */
  readonly stackOutputs: Readonly<Record<string, pulumi.Input<unknown>>>;
}
