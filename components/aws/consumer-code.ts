/**
 * Which code each Lambda consumer runs: the sample bundle (`dist/lambda`), a team's directory
 * holding a built handler (zip), or a container image in ECR pinned by digest.
 */
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { requireBuildArtifact, type BuildArtifact } from "../build-artifact";
import type { ConsumerConfig } from "../config";
import { ECR_IMAGE } from "../consumer-code";

/**
 * The files Lambda's Node.js runtime loads a handler `<file>.<export>` from, in its order
 * (https://docs.aws.amazon.com/lambda/latest/dg/nodejs-handler.html: ".js, .mjs or .cjs").
 */
export const HANDLER_EXTENSIONS = [".js", ".mjs", ".cjs"] as const;

/** The code of one consumer as the function component takes it. */
export type FunctionCode =
  | {
      readonly kind: "zip";
      readonly path: string;
      readonly handler: string;
      readonly artifact: BuildArtifact;
    }
  | { readonly kind: "image"; readonly imageUri: string };

/**
 * The consumer's own code, checked on disk before anything is registered; undefined for the
 * sample. Throws `InputPropertyError` naming the field for a missing directory or handler file,
 * or an image in another region than the stack.
 */
export function resolveFunctionCode(
  consumer: ConsumerConfig,
  index: number,
  region: string,
  projectDir: string,
): FunctionCode | undefined {
  const code = consumer.code;
  const at = `eventstack:consumers[${index}].code`;
  if (code.kind === "image") {
    const imageRegion = ECR_IMAGE.exec(code.image)?.[2];
    if (imageRegion !== region) {
      throw new pulumi.InputPropertyError({
        propertyPath: `${at}.image`,
        reason: `${at}.image must be in the stack's region ${region} (Lambda pulls images from ECR in the function's own region), got ${JSON.stringify(code.image)}`,
      });
    }
    return { kind: "image", imageUri: code.image };
  }
  if (code.kind !== "bundle") return undefined;
  const dir = resolve(projectDir, code.directory);
  const file = code.handler.slice(0, code.handler.lastIndexOf("."));
  const entry = HANDLER_EXTENSIONS.map((ext) => `${file}${ext}`).find((f) =>
    existsSync(join(dir, f)),
  );
  if (entry === undefined) {
    throw new pulumi.InputPropertyError({
      propertyPath: `${at}.handler`,
      reason: `${at}.handler ${JSON.stringify(code.handler)} needs ${HANDLER_EXTENSIONS.map((ext) => `${file}${ext}`).join(" or ")} in ${JSON.stringify(code.directory)}, found none there (build the consumer first)`,
    });
  }
  const artifact = requireBuildArtifact(dir, entry, projectDir);
  return { kind: "zip", path: artifact.path, handler: code.handler, artifact };
}
