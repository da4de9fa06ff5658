/**
 * The GCP platform: publisher → Pub/Sub topic → OIDC push subscriptions → Cloud Run consumers.
 */
import * as pulumi from "@pulumi/pulumi";
import type { Platform, PlatformArgs } from "../platform";

export class GcpPlatform extends pulumi.ComponentResource implements Platform {
  readonly stackOutputs: Platform["stackOutputs"];

  constructor(name: string, args: PlatformArgs, opts?: pulumi.ComponentResourceOptions) {
    super("eventstack:gcp:Platform", name, {}, opts);
    const { config } = args;
    this.stackOutputs = { cloud: config.cloud, environment: config.environment };
    this.registerOutputs(this.stackOutputs);
  }
}
