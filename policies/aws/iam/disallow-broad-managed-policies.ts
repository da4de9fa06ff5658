import { z } from "zod";
import { resourcePolicy } from "../../lib/define";
import { field, isUnknown } from "../../lib/values";

/** AWS managed policies that grant far more than any one workload needs. */
const BROAD_MANAGED_POLICY =
  /^arn:aws[\w-]*:iam::aws:policy\/(?:[\w+=,.@-]+\/)*(AdministratorAccess[\w-]*|PowerUserAccess|[\w-]*FullAccess[\w-]*)$/;

/**
 * AWS managed policies that read the data of every resource in the account (or of every resource
 * of a service): ReadOnlyAccess and the `*ReadOnlyAccess` family. ViewOnlyAccess is not one: it
 * lists and describes, and reads no data (https://docs.aws.amazon.com/aws-managed-policy/latest/reference/ViewOnlyAccess.html).
 */
const READ_EVERYTHING_POLICY =
  /^arn:aws[\w-]*:iam::aws:policy\/(?:[\w+=,.@-]+\/)*([\w-]*ReadOnlyAccess)$/;

/** True for AdministratorAccess, PowerUserAccess and every `*FullAccess` AWS managed policy. */
export function isBroadManagedPolicy(arn: string): boolean {
  return BROAD_MANAGED_POLICY.test(arn);
}

/** True for ReadOnlyAccess and every `*ReadOnlyAccess` AWS managed policy. */
export function isReadEverythingPolicy(arn: string): boolean {
  return READ_EVERYTHING_POLICY.test(arn);
}

/** Every @pulumi/aws 7 type that attaches managed policies, and whether it attaches them to roles. */
const ATTACHMENT_TYPES: Readonly<Record<string, "workload" | "people" | "mixed">> = {
  "aws:iam/rolePolicyAttachment:RolePolicyAttachment": "workload",
  "aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive": "workload",
  "aws:iam/role:Role": "workload",
  "aws:rolesanywhere/profile:Profile": "workload",
  "aws:iam/policyAttachment:PolicyAttachment": "mixed",
  "aws:iam/groupPolicyAttachment:GroupPolicyAttachment": "people",
  "aws:iam/groupPolicyAttachmentsExclusive:GroupPolicyAttachmentsExclusive": "people",
  "aws:iam/userPolicyAttachment:UserPolicyAttachment": "people",
  "aws:iam/userPolicyAttachmentsExclusive:UserPolicyAttachmentsExclusive": "people",
  "aws:ssoadmin/managedPolicyAttachment:ManagedPolicyAttachment": "people",
  "aws:ssoadmin/managedPolicyAttachmentsExclusive:ManagedPolicyAttachmentsExclusive": "people",
};

/**
 * No role, user, group or permission set gets AdministratorAccess, PowerUserAccess or a
 * `*FullAccess` policy; no workload role (nor a policy attachment naming roles) gets a
 * read-everything policy (ReadOnlyAccess, `*ReadOnlyAccess`): people may audit an
 * account, a workload reads only its own resources.
 */
export const awsIamPolicyAttachmentDisallowBroadManagedPolicies = resourcePolicy(
  {
    name: "aws-iam-policyattachment-disallow-broad-managed-policies",
    description:
      "Roles, users, groups and permission sets must not be attached AdministratorAccess, PowerUserAccess or any `*FullAccess` AWS managed policy, and workload roles no read-everything policy (ReadOnlyAccess, `*ReadOnlyAccess`).",
    severity: "high",
    enforcementLevel: "mandatory",
    tags: ["aws", "iam", "security", "least-privilege"],
    remediationSteps:
      "Detach the managed policy and grant the specific actions on specific resources with an inline or customer-managed policy.",
    checkovId: "CKV_AWS_274",
    cdkNagId: "AwsSolutions-IAM4",
  },
  {
    types: Object.keys(ATTACHMENT_TYPES),
    schema: z.looseObject({
      policyArn: field(z.string()),
      managedPolicyArn: field(z.string()),
      managedPolicyArns: field(z.array(z.string())),
      policyArns: field(z.array(z.string())),
      roles: field(z.array(z.string())),
    }),
    check: (props, ctx) => {
      const holder = ATTACHMENT_TYPES[ctx.type];
      const toWorkload =
        holder === "workload" ||
        (holder === "mixed" && (isUnknown(props.roles) || (props.roles ?? []).length > 0));
      const attached: { path: string; arn: string }[] = [];
      for (const key of ["policyArn", "managedPolicyArn"] as const) {
        const arn = props[key];
        if (typeof arn === "string") attached.push({ path: key, arn });
      }
      for (const key of ["managedPolicyArns", "policyArns"] as const) {
        const list = props[key];
        if (Array.isArray(list))
          list.forEach((arn, i) => attached.push({ path: `${key}[${i}]`, arn }));
      }
      for (const { path, arn } of attached) {
        if (isUnknown(arn)) continue;
        if (isBroadManagedPolicy(arn)) {
          ctx.report(
            `${path} must be a policy scoped to this workload, got the AWS managed policy ${JSON.stringify(arn)}.`,
          );
        } else if (toWorkload && isReadEverythingPolicy(arn)) {
          ctx.report(
            `${path} must grant a workload role reads of its own resources only, got the read-everything AWS managed policy ${JSON.stringify(arn)}.`,
          );
        }
      }
    },
  },
);
