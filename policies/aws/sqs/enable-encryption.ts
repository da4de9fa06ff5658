import { z } from "zod";
import { resourcePolicy } from "../../lib/define";
import { field, isSet } from "../../lib/values";

/** Every queue is encrypted at rest, with SQS-managed keys or KMS. */
export const awsSqsQueueEnableEncryption = resourcePolicy(
  {
    name: "aws-sqs-queue-enable-encryption",
    description:
      "SQS queues must be encrypted at rest, with SQS-managed server-side encryption or a KMS key.",
    severity: "high",
    enforcementLevel: "mandatory",
    tags: ["aws", "sqs", "encryption", "data-protection"],
    remediationSteps: "Set `kmsMasterKeyId` to a KMS key, or `sqsManagedSseEnabled: true`.",
    checkovId: "CKV_AWS_27",
    cdkNagId: "AwsSolutions-SQS2",
  },
  {
    types: ["aws:sqs/queue:Queue"],
    schema: z.looseObject({
      kmsMasterKeyId: field(z.string()),
      sqsManagedSseEnabled: field(z.boolean()),
    }),
    check: (props, ctx) => {
      if (
        isSet(props.kmsMasterKeyId) ||
        (isSet(props.sqsManagedSseEnabled) && props.sqsManagedSseEnabled !== false)
      )
        return;
      ctx.report(
        `the queue must set kmsMasterKeyId or sqsManagedSseEnabled: true, got kmsMasterKeyId ${JSON.stringify(props.kmsMasterKeyId ?? null)} and sqsManagedSseEnabled ${JSON.stringify(props.sqsManagedSseEnabled ?? null)}.`,
      );
    },
  },
);
