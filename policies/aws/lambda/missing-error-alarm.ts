import { stackPolicy } from "../../lib/define";
import { alarmsWatching } from "../../lib/aws/alarms";
import { T } from "../../lib/aws/types";
import { ResourceIndex } from "../../lib/resource-index";
import { knownString } from "../../lib/values";

/** Every Lambda consumer has an alarm on its errors. */
export const awsLambdaFunctionMissingErrorAlarm = stackPolicy(
  {
    name: "aws-lambda-function-missing-error-alarm",
    description:
      "Every Lambda function must have a CloudWatch alarm on its AWS/Lambda Errors metric.",
    severity: "medium",
    enforcementLevel: "advisory",
    tags: ["aws", "lambda", "alerting", "observability"],
    remediationSteps:
      'Add an `aws.cloudwatch.MetricAlarm` on `namespace: "AWS/Lambda"`, `metricName: "Errors"` (or an error-rate metric-math query using it) with `dimensions: { FunctionName: <function name> }` and `alarmActions` set.',
  },
  {
    types: [T.function],
    check: (resources, ctx) => {
      const index = new ResourceIndex(resources);
      for (const fn of index.ofType(T.function)) {
        const name = knownString(index.props(fn).name);
        const alarms = alarmsWatching(index, "AWS/Lambda", "FunctionName", { name, resource: fn }, [
          "Errors",
        ]);
        if (alarms.length > 0) continue;
        ctx.report(
          `function ${JSON.stringify(name ?? fn.name)} must have an alarm on AWS/Lambda Errors with dimensions.FunctionName set to it, got none.`,
          fn.urn,
        );
      }
    },
  },
);
