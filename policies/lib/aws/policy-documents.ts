/**
 * Every place an AWS policy document can appear in a resource's properties, and what kind of
 * document it is: identity (what a principal may do), trust (who may assume a role) or resource
 * (who may use a queue, topic, bus, key, secret or bucket).
 */
import { z } from "zod";
import { isRecord, isUnknown } from "../values";

export type DocumentKind = "identity" | "trust" | "resource";

/** A document found in a resource's properties. */
export interface DocumentLocation {
  readonly kind: DocumentKind;
  /** Property path, e.g. `policy` or `inlinePolicies[0].policy`. */
  readonly path: string;
  readonly value: unknown;
}

/** Types whose `policy` property is an identity-based policy. */
const IDENTITY_POLICY_TYPES = [
  "aws:iam/policy:Policy",
  "aws:iam/rolePolicy:RolePolicy",
  "aws:iam/groupPolicy:GroupPolicy",
  "aws:iam/userPolicy:UserPolicy",
] as const;

/** Types whose `policy` property is a resource-based policy. */
export const RESOURCE_POLICY_TYPES = [
  "aws:sqs/queuePolicy:QueuePolicy",
  "aws:sqs/queue:Queue",
  "aws:sns/topicPolicy:TopicPolicy",
  "aws:sns/topic:Topic",
  "aws:cloudwatch/eventBusPolicy:EventBusPolicy",
  "aws:kms/key:Key",
  "aws:kms/keyPolicy:KeyPolicy",
  "aws:secretsmanager/secretPolicy:SecretPolicy",
  "aws:secretsmanager/secret:Secret",
  "aws:s3/bucketPolicy:BucketPolicy",
  "aws:ecr/repositoryPolicy:RepositoryPolicy",
] as const;

export const ROLE_TYPE = "aws:iam/role:Role";

/** Every type that can hold an identity-based document. */
export const IDENTITY_DOCUMENT_TYPES: readonly string[] = [...IDENTITY_POLICY_TYPES, ROLE_TYPE];
/** Every type that can hold any document. */
export const DOCUMENT_TYPES: readonly string[] = [
  ...IDENTITY_DOCUMENT_TYPES,
  ...RESOURCE_POLICY_TYPES,
];

/** The properties a document rule reads; documents themselves are parsed later. */
export const documentPropsSchema = z.looseObject({
  policy: z.unknown().optional(),
  assumeRolePolicy: z.unknown().optional(),
  inlinePolicies: z.unknown().optional(),
});

/** The documents a resource of `type` carries. */
export function documentsOf(type: string, props: Record<string, unknown>): DocumentLocation[] {
  if ((IDENTITY_POLICY_TYPES as readonly string[]).includes(type)) {
    return [{ kind: "identity", path: "policy", value: props.policy }];
  }
  if ((RESOURCE_POLICY_TYPES as readonly string[]).includes(type)) {
    return [{ kind: "resource", path: "policy", value: props.policy }];
  }
  if (type !== ROLE_TYPE) return [];
  const docs: DocumentLocation[] = [
    { kind: "trust", path: "assumeRolePolicy", value: props.assumeRolePolicy },
  ];
  const inline = props.inlinePolicies;
  if (isUnknown(inline)) {
    docs.push({ kind: "identity", path: "inlinePolicies", value: inline });
  } else if (Array.isArray(inline)) {
    inline.forEach((entry: unknown, i) => {
      const value = isRecord(entry) ? entry.policy : entry;
      docs.push({ kind: "identity", path: `inlinePolicies[${i}].policy`, value });
    });
  }
  return docs;
}
