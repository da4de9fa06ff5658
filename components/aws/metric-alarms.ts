/**
 * Turns alarm definitions into CloudWatch alarms that notify the alert topic on ALARM and OK.
 */
import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import { isExpression, type AlarmDefinition } from "./alarm-definitions";

/** Creates one alarm per definition, logically named `<owner>-<kind>`, under `opts.parent`. */
export function createMetricAlarms(
  owner: string,
  definitions: readonly AlarmDefinition[],
  alertTopicArn: pulumi.Input<string>,
  tags: Record<string, string>,
  opts: pulumi.CustomResourceOptions,
): aws.cloudwatch.MetricAlarm[] {
  return definitions.map((def) => {
    const source = def.source;
    const metric = isExpression(source)
      ? {
          metricQueries: [
            { id: source.id, expression: source.expression, label: source.label, returnData: true },
            ...Object.entries(source.inputs).map(([id, m]) => ({
              id,
              returnData: false,
              metric: {
                namespace: m.namespace,
                metricName: m.metricName,
                dimensions: { ...m.dimensions },
                stat: m.stat,
                period: def.periodSeconds,
              },
            })),
          ],
        }
      : {
          namespace: source.namespace,
          metricName: source.metricName,
          dimensions: { ...source.dimensions },
          statistic: source.stat,
          period: def.periodSeconds,
        };
    return new aws.cloudwatch.MetricAlarm(
      `${owner}-${def.kind}`,
      {
        name: def.name,
        alarmDescription: def.description,
        comparisonOperator: def.comparisonOperator,
        threshold: def.threshold,
        evaluationPeriods: def.evaluationPeriods,
        datapointsToAlarm: def.evaluationPeriods,
        treatMissingData: def.treatMissingData,
        actionsEnabled: true,
        alarmActions: [alertTopicArn],
        okActions: [alertTopicArn],
        tags,
        ...metric,
      },
      opts,
    );
  });
}
