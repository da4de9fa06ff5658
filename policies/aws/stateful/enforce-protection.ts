import { stackPolicy } from "../../lib/define";
import { isProductionStack } from "../../lib/production";

/**
 * The AWS types that hold data a delete would lose: the event bus and its archive (events kept
 * for replay), queues (undelivered and dead-lettered events), KMS keys (deleting one makes what it
 * encrypted unreadable), secrets, log groups and SNS topics (the alert path and its
 * subscriptions).
 */
export const AWS_STATEFUL_TYPES = [
  "aws:cloudwatch/eventBus:EventBus",
  "aws:cloudwatch/eventArchive:EventArchive",
  "aws:sqs/queue:Queue",
  "aws:kms/key:Key",
  "aws:secretsmanager/secret:Secret",
  "aws:cloudwatch/logGroup:LogGroup",
  "aws:sns/topic:Topic",
  // The consumers' shared store: idempotency records and read models.
  "aws:dynamodb/table:Table",
] as const;

/**
 * In a production stack, every stateful AWS resource is protected, so neither `pulumi destroy`
 * nor a replacement can delete the data it holds without a deliberate `pulumi state unprotect`.
 *
 * Only `protect` is judged: the analyzer's resource options carry `protect` but not
 * `retainOnDelete` (pulumi/pulumi proto `AnalyzerResourceOptions`, as shipped in
 * @pulumi/pulumi `proto/analyzer_pb.d.ts`; @pulumi/policy `PolicyResourceOptions`), so a policy
 * cannot see whether a resource is retained.
 */
export const awsStatefulResourceEnforceProtection = stackPolicy(
  {
    name: "aws-stateful-resource-enforce-protection",
    description:
      "In a production stack, EventBridge buses and archives, SQS queues, KMS keys, secrets, log groups, SNS topics and DynamoDB tables must be protected from deletion.",
    severity: "high",
    enforcementLevel: "mandatory",
    tags: ["aws", "protection", "data-loss"],
    remediationSteps:
      "Set the resource option `protect: true` on the resource, and `retainOnDelete: true` so that a deliberate unprotect and destroy still leaves the data in AWS. A stack is production when a resource, or the provider's `defaultTags`, carries the tag `environment: prod` (or `production`).",
  },
  {
    types: [...AWS_STATEFUL_TYPES],
    check: (resources, ctx) => {
      if (!isProductionStack(resources)) return;
      for (const r of resources) {
        if (!(AWS_STATEFUL_TYPES as readonly string[]).includes(r.type) || r.opts.protect) continue;
        ctx.report(
          `${r.type} ${r.name} holds data in a production stack and must be kept from deletion (protect: true, got protect false).`,
          r.urn,
        );
      }
    },
  },
);
