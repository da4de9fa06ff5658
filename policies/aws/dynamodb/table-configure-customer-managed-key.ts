import { z } from "zod";
import { resourcePolicy } from "../../lib/define";
import { CMK_TAGS, isCustomerManagedKey } from "../../lib/encryption";
import { field, isSet, isUnknown } from "../../lib/values";

/** DynamoDB tables are encrypted with a customer-managed KMS key, not the AWS-owned one. */
export const awsDynamodbTableConfigureCustomerManagedKey = resourcePolicy(
  {
    name: "aws-dynamodb-table-configure-customer-managed-key",
    description: "DynamoDB tables must be encrypted with a customer-managed KMS key.",
    severity: "medium",
    enforcementLevel: "mandatory",
    tags: ["aws", "dynamodb", ...CMK_TAGS],
    remediationSteps:
      "Set `serverSideEncryption: { enabled: true, kmsKeyArn: <key ARN> }` and allow DynamoDB to use the key in its key policy (kms:ViaService dynamodb.<region>.amazonaws.com).",
    checkovId: "CKV_AWS_119",
  },
  {
    types: ["aws:dynamodb/table:Table"],
    schema: z.looseObject({
      serverSideEncryption: field(
        z.looseObject({ enabled: field(z.boolean()), kmsKeyArn: field(z.string()) }),
      ),
    }),
    check: (props, ctx) => {
      const sse = props.serverSideEncryption;
      if (isUnknown(sse)) return;
      const on = typeof sse === "object" && sse !== null ? sse : undefined;
      if (on?.enabled !== true && !isUnknown(on?.enabled)) {
        ctx.report(
          "serverSideEncryption.enabled must be true with a customer-managed kmsKeyArn, got the AWS-owned key.",
        );
        return;
      }
      const key = on?.kmsKeyArn;
      if (!isSet(key)) {
        ctx.report(
          "serverSideEncryption.kmsKeyArn must name a customer-managed KMS key, got none (the AWS managed key aws/dynamodb).",
        );
      } else if (typeof key === "string" && !isUnknown(key) && !isCustomerManagedKey(key)) {
        ctx.report(
          `serverSideEncryption.kmsKeyArn must name a customer-managed KMS key, got the AWS managed key ${JSON.stringify(key)}.`,
        );
      }
    },
  },
);
