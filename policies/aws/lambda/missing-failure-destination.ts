import type { PolicyResource } from "@pulumi/policy";
import { stackPolicy } from "../../lib/define";
import { functionNameOf } from "../../lib/aws/dead-letters";
import { T } from "../../lib/aws/types";
import { ResourceIndex } from "../../lib/resource-index";
import { isRecord, isSet, knownString } from "../../lib/values";

const get = (v: unknown, ...path: string[]): unknown =>
  path.reduce<unknown>((acc, k) => (isRecord(acc) ? acc[k] : undefined), v);

/** True when an async-invocation config for `fn` routes failures somewhere. */
function hasOnFailureDestination(index: ResourceIndex, fn: PolicyResource): boolean {
  const name = knownString(index.props(fn).name);
  return index.ofType(T.eventInvokeConfig).some((cfg) => {
    const props = index.props(cfg);
    if (!isSet(get(props, "destinationConfig", "onFailure", "destination"))) return false;
    const ref = knownString(props.functionName);
    if (ref !== undefined && name !== undefined && functionNameOf(ref) === name) return true;
    return index.refersTo(cfg, "functionName", props.functionName, fn);
  });
}

/** Every Lambda function keeps the events it fails to process. */
export const awsLambdaFunctionMissingFailureDestination = stackPolicy(
  {
    name: "aws-lambda-function-missing-failure-destination",
    description:
      "Lambda functions must have a dead-letter queue or an on-failure destination for asynchronous invocations.",
    severity: "high",
    enforcementLevel: "mandatory",
    tags: ["aws", "lambda", "dead-letter", "data-loss"],
    remediationSteps:
      "Set `deadLetterConfig: { targetArn: <SQS queue ARN> }` on the function, or add an `aws.lambda.FunctionEventInvokeConfig` with `destinationConfig.onFailure.destination`.",
    checkovId: "CKV_AWS_116",
    cdkNagId: "Serverless-LambdaDLQ",
  },
  {
    types: [T.function],
    check: (resources, ctx) => {
      const index = new ResourceIndex(resources);
      for (const fn of index.ofType(T.function)) {
        const props = index.props(fn);
        if (isSet(get(props, "deadLetterConfig", "targetArn"))) continue;
        if (hasOnFailureDestination(index, fn)) continue;
        ctx.report(
          `function ${JSON.stringify(knownString(props.name) ?? fn.name)} must have deadLetterConfig.targetArn or an on-failure destination, got neither.`,
          fn.urn,
        );
      }
    },
  },
);
