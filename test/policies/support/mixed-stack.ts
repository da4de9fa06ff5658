/**
 * A small stack, both clouds, that trips resource and stack policies of every kind — wildcard IAM,
 * missing encryption, missing dead letters and alerts, a value unknown during a preview — for
 * comparing the offline evaluator with the pack served the way `pulumi preview` runs it.
 */
import type { RecordedResource } from "../../../policies/offline/mock-types";
import { res, UNKNOWN, urnOf } from "./policy-test";

const ACCOUNT = "123456789012";
const arn = (service: string, resource: string) =>
  `arn:aws:${service}:eu-west-1:${ACCOUNT}:${resource}`;
const doc = (statement: unknown) => JSON.stringify({ Version: "2012-10-17", Statement: statement });

export const KMS_KEY_URN = urnOf("aws:kms/key:Key", "data");

export function mixedStack(): RecordedResource[] {
  const dlq = res(
    "aws:sqs/queue:Queue",
    "orders-dlq",
    {},
    {
      outputs: {
        name: "orders-dlq",
        arn: arn("sqs", "orders-dlq"),
        url: `https://sqs/${ACCOUNT}/orders-dlq`,
      },
    },
  );
  const fn = res(
    "aws:lambda/function:Function",
    "orders",
    { role: arn("iam", "role/orders") },
    {
      outputs: { name: "orders-fn", arn: arn("lambda", "function:orders-fn") },
    },
  );
  const target = res("aws:cloudwatch/eventTarget:EventTarget", "orders-target", {
    rule: "orders",
    arn: arn("lambda", "function:orders-fn"),
    deadLetterConfig: { arn: arn("sqs", "orders-dlq") },
  });
  const role = res("aws:iam/role:Role", "orders-role", {
    assumeRolePolicy: doc([{ Effect: "Allow", Principal: "*", Action: "sts:AssumeRole" }]),
    inlinePolicies: [
      { name: "all", policy: doc([{ Effect: "Allow", Action: "sqs:*", Resource: "*" }]) },
    ],
  });
  const computed = res("aws:iam/policy:Policy", "computed", { policy: UNKNOWN });
  const queuePolicy = res("aws:sqs/queuePolicy:QueuePolicy", "orders-dlq-policy", {
    queueUrl: `https://sqs/${ACCOUNT}/orders-dlq`,
    policy: doc([
      {
        Effect: "Allow",
        Principal: "*",
        Action: "sqs:SendMessage",
        Resource: arn("sqs", "orders-dlq"),
      },
    ]),
  });
  const key = res("aws:kms/key:Key", "data", { enableKeyRotation: false });
  const permission = res("aws:lambda/permission:Permission", "invoke", {
    action: "lambda:InvokeFunction",
    function: "orders-fn",
    principal: "events.amazonaws.com",
  });
  const alarm = res("aws:cloudwatch/metricAlarm:MetricAlarm", "orders-dlq-depth", {
    name: "orders-dlq-depth",
    namespace: "AWS/SQS",
    metricName: "ApproximateNumberOfMessagesVisible",
    dimensions: { QueueName: "orders-dlq" },
  });
  const push = res("gcp:pubsub/subscription:Subscription", "orders-push", {
    name: "orders-push",
    topic: "projects/acme/topics/events",
    pushConfig: { pushEndpoint: "http://orders.internal/" },
    deadLetterPolicy: { deadLetterTopic: "projects/acme/topics/orders-dlq" },
  });
  const editor = res("gcp:projects/iAMMember:IAMMember", "ci-editor", {
    project: "acme",
    role: "roles/editor",
    member: "serviceAccount:ci@acme.iam.gserviceaccount.com",
  });
  const saKey = res("gcp:serviceaccount/key:Key", "ci-key", {
    serviceAccountId: "ci@acme.iam.gserviceaccount.com",
  });
  const topic = res(
    "gcp:pubsub/topic:Topic",
    "events",
    { name: "events" },
    { outputs: { name: "events", project: "acme" } },
  );
  const stack: RecordedResource = {
    ...res("pulumi:pulumi:Stack", "shop-test", {}),
    parent: undefined,
    custom: false,
    id: undefined,
  };
  return [
    stack,
    dlq,
    fn,
    target,
    role,
    computed,
    queuePolicy,
    key,
    permission,
    alarm,
    push,
    editor,
    saKey,
    topic,
  ];
}

/** A pack config in the `--policy-pack-config` format: relaxations, a disabled rule, an exemption. */
export const MIXED_CONFIG = {
  "gcp-pubsub-topic-configure-customer-managed-key": "advisory",
  "aws-lambda-function-missing-error-alarm": "disabled",
  "aws-kms-key-enable-rotation": {
    exemptions: [
      {
        urn: KMS_KEY_URN,
        reason: "Imported legacy key; rotation is handled by the key custodian team quarterly.",
      },
    ],
  },
};
