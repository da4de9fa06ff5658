/**
 * Where alarms go: a KMS-encrypted SNS topic that only the platform's alarms may publish to, with
 * the on-call email subscribed.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { withStateful, type StatefulOptions } from "./protection";
import { alertTopicPolicy } from "./resource-policies";

/** Arguments of {@link AlertTopic}. */
export interface AlertTopicArgs {
  /** Physical topic name. Required. */
  readonly topicName: string;
  /**
   * Customer managed key. Required: alarms cannot publish to a topic encrypted with the AWS
   * managed `alias/aws/sns` key, whose policy does not admit CloudWatch.
   */
  readonly kmsKeyArn: pulumi.Input<string>;
  /** Address notified of every alarm (`alertEmail`). Required. */
  readonly email: string;
  /** The deploying account, the only one whose alarms may publish. Required. */
  readonly accountId: pulumi.Input<string>;
  /** ARNs of the alarms allowed to publish, each exactly. Required. */
  readonly alarmArns: pulumi.Input<readonly string[]>;
  /** Protection of the stateful resources (see `./protection.ts`). Required. */
  readonly stateful: StatefulOptions;
}

/** The alert topic, its policy and the email subscription. */
export class AlertTopic extends pulumi.ComponentResource {
  readonly arn: pulumi.Output<string>;

  constructor(name: string, args: AlertTopicArgs, opts?: pulumi.ComponentResourceOptions) {
    super("eventstack:aws:AlertTopic", name, {}, opts);
    const topic = new aws.sns.Topic(
      `${name}-topic`,
      { name: args.topicName, displayName: "eventstack alerts", kmsMasterKeyId: args.kmsKeyArn },
      withStateful({ parent: this }, args.stateful),
    );
    new aws.sns.TopicPolicy(
      `${name}-policy`,
      {
        arn: topic.arn,
        policy: pulumi
          .all([topic.arn, args.accountId, args.alarmArns])
          .apply(([topicArn, accountId, alarmArns]) =>
            JSON.stringify(alertTopicPolicy({ topicArn, accountId, alarmArns })),
          ),
      },
      { parent: this },
    );
    new aws.sns.TopicSubscription(
      `${name}-email`,
      { topic: topic.arn, protocol: "email", endpoint: args.email },
      { parent: this },
    );
    this.arn = topic.arn;
    this.registerOutputs({ arn: this.arn });
  }
}
