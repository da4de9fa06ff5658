import { stackPolicy } from "../../lib/define";
import { undeliverableTopic } from "../../lib/aws/alarm-delivery";
import { T } from "../../lib/aws/types";
import { ResourceIndex } from "../../lib/resource-index";
import { isUnknown, knownString } from "../../lib/values";

/** Every alarm notifies someone: it has actions, and its SNS topics have subscribers. */
export const awsCloudwatchAlarmMissingNotification = stackPolicy(
  {
    name: "aws-cloudwatch-alarm-missing-notification",
    description:
      "CloudWatch alarms must notify someone: actions enabled, at least one alarm action, and every SNS topic they publish to subscribed and, when encrypted, with a key CloudWatch may use.",
    severity: "high",
    enforcementLevel: "mandatory",
    tags: ["aws", "cloudwatch", "alerting", "observability", "data-loss"],
    remediationSteps:
      "Set `alarmActions` to an SNS topic ARN (leave `actionsEnabled` true) and subscribe the on-call address or endpoint to the topic with `aws.sns.TopicSubscription`.",
  },
  {
    types: [T.metricAlarm, T.compositeAlarm],
    check: (resources, ctx) => {
      const index = new ResourceIndex(resources);
      const subscriptions = index.ofType(T.topicSubscription);
      for (const alarm of index.ofType(T.metricAlarm, T.compositeAlarm)) {
        const props = index.props(alarm);
        const label = JSON.stringify(knownString(props.name) ?? alarm.name);
        if (props.actionsEnabled === false) {
          ctx.report(`alarm ${label} must have actionsEnabled true, got false.`, alarm.urn);
          continue;
        }
        const actions = isUnknown(props.alarmActions)
          ? [props.alarmActions]
          : Array.isArray(props.alarmActions)
            ? (props.alarmActions as unknown[])
            : [];
        if (actions.length === 0) {
          ctx.report(
            `alarm ${label} must have at least one alarmActions entry, got none.`,
            alarm.urn,
          );
          continue;
        }
        for (const action of actions) {
          for (const topic of index.resolve(alarm, "alarmActions", action, [T.topic])) {
            const subscribed = subscriptions.some((s) =>
              index.refersTo(s, "topic", index.props(s).topic, topic),
            );
            const undeliverable = undeliverableTopic(index, topic);
            if (undeliverable !== undefined) {
              ctx.report(
                `alarm ${label} publishes to SNS topic ${JSON.stringify(knownString(index.props(topic).name) ?? topic.name)}, which ${undeliverable}.`,
                alarm.urn,
              );
            }
            if (!subscribed) {
              ctx.report(
                `alarm ${label} publishes to SNS topic ${JSON.stringify(knownString(index.props(topic).name) ?? topic.name)}, which must have a subscription, got none.`,
                alarm.urn,
              );
            }
          }
        }
      }
    },
  },
);
