/**
 * Which image each Cloud Run consumer runs: the sample (built from `app/` or `eventstack:image`),
 * a prebuilt image pinned by digest, or the consumer's own context and Dockerfile, built and
 * pushed to the stack's repository.
 */
import { existsSync, statSync } from "node:fs";
import { resolve } from "node:path";
import * as pulumi from "@pulumi/pulumi";
import type { PlatformConfig } from "../config";
import type { ConsumerCode } from "../consumer-code";
import { BUILD, type ConsumerImage } from "./image";

/** The project directory (this file lives in `components/gcp/`). */
const PROJECT_DIR = resolve(__dirname, "..", "..");

/** A consumer's image name in the repository; never the sample's own `consumer`. */
export function consumerImageName(consumer: string): string {
  return `${BUILD.imageName}-${consumer}`;
}

/**
 * Throws `InputPropertyError` for a build context or Dockerfile that is not there: the build
 * would fail only on `up`, after the preview passed.
 */
export function validateConsumerCode(config: PlatformConfig, projectDir = PROJECT_DIR): void {
  config.consumers.forEach((c, i) => {
    if (c.code.kind !== "build") return;
    const at = `eventstack:consumers[${i}].code`;
    const context = resolve(projectDir, c.code.context);
    if (!existsSync(context) || !statSync(context).isDirectory()) {
      throw new pulumi.InputPropertyError({
        propertyPath: `${at}.context`,
        reason: `${at}.context must be a directory of the project, got ${JSON.stringify(c.code.context)} (not found)`,
      });
    }
    const dockerfile = resolve(projectDir, c.code.dockerfile);
    if (!existsSync(dockerfile) || !statSync(dockerfile).isFile()) {
      throw new pulumi.InputPropertyError({
        propertyPath: `${at}.dockerfile`,
        reason: `${at}.dockerfile must be a file of the project, got ${JSON.stringify(c.code.dockerfile)} (not found)`,
      });
    }
  });
}

/** The image reference consumer `consumer` (component `name`) deploys. */
export function consumerImage(
  name: string,
  consumer: string,
  code: ConsumerCode,
  sampleImage: string | undefined,
  repository: ConsumerImage | undefined,
): pulumi.Input<string> {
  switch (code.kind) {
    case "image":
      return code.image;
    case "build": {
      if (repository === undefined) throw new Error(`${name}: a consumer build needs a repository`);
      return repository.build(`${name}-build`, {
        context: code.context,
        dockerfile: code.dockerfile,
        imageName: consumerImageName(consumer),
      });
    }
    case "sample": {
      const image = sampleImage ?? repository?.ref;
      if (image === undefined)
        throw new Error(`${name}: the sample image is neither set nor built`);
      return image;
    }
    case "bundle":
      throw new Error(`${name}: a Lambda bundle cannot run on Cloud Run`);
  }
}
