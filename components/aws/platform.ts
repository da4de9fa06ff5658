/**
 * The AWS platform: publisher → EventBridge bus → rules → Lambda consumers.
 */
import * as pulumi from "@pulumi/pulumi";
import type { Platform, PlatformArgs } from "../platform";

export class AwsPlatform extends pulumi.ComponentResource implements Platform {
  readonly stackOutputs: Platform["stackOutputs"];

  constructor(name: string, args: PlatformArgs, opts?: pulumi.ComponentResourceOptions) {
    super("eventstack:aws:Platform", name, {}, opts);
    const { config } = args;
    this.stackOutputs = { cloud: config.cloud, environment: config.environment };
    this.registerOutputs(this.stackOutputs);
  }
}
