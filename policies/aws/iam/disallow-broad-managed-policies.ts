import { z } from "zod";
import { resourcePolicy } from "../../lib/define";
import { field, isUnknown } from "../../lib/values";

/** AWS managed policies that grant far more than any one workload needs. */
const BROAD_MANAGED_POLICY =
  /^arn:aws[\w-]*:iam::aws:policy\/(?:[\w+=,.@-]+\/)*(AdministratorAccess[\w-]*|PowerUserAccess|[\w-]*FullAccess[\w-]*)$/;

/** True for AdministratorAccess, PowerUserAccess and every `*FullAccess` AWS managed policy. */
export function isBroadManagedPolicy(arn: string): boolean {
  return BROAD_MANAGED_POLICY.test(arn);
}

const ATTACHMENT_TYPES = [
  "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
  "aws:iam/policyAttachment:PolicyAttachment",
  "aws:iam/groupPolicyAttachment:GroupPolicyAttachment",
  "aws:iam/userPolicyAttachment:UserPolicyAttachment",
  "aws:iam/role:Role",
  "aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive",
];

/** No role, user or group gets AdministratorAccess, PowerUserAccess or a `*FullAccess` policy. */
export const awsIamPolicyAttachmentDisallowBroadManagedPolicies = resourcePolicy(
  {
    name: "aws-iam-policyattachment-disallow-broad-managed-policies",
    description:
      "Roles, users and groups must not be attached AdministratorAccess, PowerUserAccess or any `*FullAccess` AWS managed policy.",
    severity: "high",
    enforcementLevel: "mandatory",
    tags: ["aws", "iam", "security", "least-privilege"],
    remediationSteps:
      "Detach the managed policy and grant the specific actions on specific resources with an inline or customer-managed policy.",
    checkovId: "CKV_AWS_274",
    cdkNagId: "AwsSolutions-IAM4",
  },
  {
    types: ATTACHMENT_TYPES,
    schema: z.looseObject({
      policyArn: field(z.string()),
      managedPolicyArns: field(z.array(z.string())),
      policyArns: field(z.array(z.string())),
    }),
    check: (props, ctx) => {
      const attached: { path: string; arn: string }[] = [];
      if (typeof props.policyArn === "string")
        attached.push({ path: "policyArn", arn: props.policyArn });
      for (const key of ["managedPolicyArns", "policyArns"] as const) {
        const list = props[key];
        if (Array.isArray(list))
          list.forEach((arn, i) => attached.push({ path: `${key}[${i}]`, arn }));
      }
      for (const { path, arn } of attached) {
        if (!isUnknown(arn) && isBroadManagedPolicy(arn)) {
          ctx.report(
            `${path} must be a policy scoped to this workload, got the AWS managed policy ${JSON.stringify(arn)}.`,
          );
        }
      }
    },
  },
);
