/**
 * GCP IAM grants in every form the provider offers: `*IamMember` (one member), `*IamBinding`
 * (a member list) and `*IamPolicy` (a whole policy as JSON text), at any level — project,
 * folder, organisation, or one resource (topic, subscription, service, secret, key, …).
 */
import { z } from "zod";
import { field, isUnknown, UNKNOWN } from "../values";

/**
 * Any IAM grant type, e.g. `gcp:pubsub/topicIAMMember:TopicIAMMember`,
 * `gcp:projects/iAMBinding:IAMBinding`, `gcp:healthcare/hl7StoreIamPolicy:Hl7StoreIamPolicy`
 * (test/policies/gcp/sdk-coverage.test.ts checks it against every type of @pulumi/gcp 9).
 */
export const IAM_GRANT_TYPES = /^gcp:[a-z0-9]+\/[a-z0-9]*iam(member|binding|policy):/i;

/** Project-level grant types. */
export const PROJECT_GRANT_TYPES = /^gcp:projects\/iAM(Member|Binding|Policy):/;

/** Grant types at any level of the resource hierarchy: project, folder or organisation. */
export const HIERARCHY_GRANT_TYPES =
  /^gcp:(projects|folder|organizations)\/iAM(Member|Binding|Policy):/;

/** The hierarchy level a grant type applies at (`project`, `folder`, `organization`). */
export function hierarchyLevel(type: string): string {
  if (type.startsWith("gcp:folder/")) return "folder";
  if (type.startsWith("gcp:organizations/")) return "organization";
  return "project";
}

/** Principals that make a resource public. */
export const PUBLIC_MEMBERS: readonly string[] = ["allUsers", "allAuthenticatedUsers"];

/** The basic (formerly "primitive") roles. */
export const BASIC_ROLES: readonly string[] = ["roles/owner", "roles/editor", "roles/viewer"];

export const grantPropsSchema = z.looseObject({
  role: field(z.string()),
  member: field(z.string()),
  members: field(z.array(z.string())),
  policyData: field(z.string()),
});
export type GrantProps = z.infer<typeof grantPropsSchema>;

/** One role granted to members; values may be the unknown sentinel during a preview. */
export interface Grant {
  readonly role: string;
  readonly members: readonly string[];
  /** Where it came from, e.g. `role`/`member` or `policyData.bindings[2]`. */
  readonly path: string;
}

const policyDataSchema = z.looseObject({
  bindings: z
    .array(z.looseObject({ role: z.string(), members: z.array(z.string()).optional() }))
    .optional(),
});

export type GrantsParse =
  | { readonly kind: "ok"; readonly grants: readonly Grant[] }
  | { readonly kind: "invalid"; readonly problem: string };

/** The grants a resource makes (none for a resource that is not an IAM grant). */
export function grantsOf(type: string, props: GrantProps): GrantsParse {
  if (!IAM_GRANT_TYPES.test(type)) return { kind: "ok", grants: [] };
  if (/policy:/i.test(type)) {
    const text = props.policyData;
    if (text === undefined || text === null) return { kind: "ok", grants: [] };
    if (isUnknown(text))
      return { kind: "ok", grants: [{ role: UNKNOWN, members: [UNKNOWN], path: "policyData" }] };
    let data: unknown;
    try {
      data = JSON.parse(text) as unknown;
    } catch (err) {
      return {
        kind: "invalid",
        problem: `policyData is not valid JSON (${(err as Error).message})`,
      };
    }
    const parsed = policyDataSchema.safeParse(data);
    if (!parsed.success) {
      return {
        kind: "invalid",
        problem: `policyData: ${parsed.error.issues[0]?.message ?? "bad shape"}`,
      };
    }
    return {
      kind: "ok",
      grants: (parsed.data.bindings ?? []).map((b, i) => ({
        role: b.role,
        members: b.members ?? [],
        path: `policyData.bindings[${i}]`,
      })),
    };
  }
  const role = props.role ?? "";
  if (/member:/i.test(type)) {
    return {
      kind: "ok",
      grants: [{ role, members: props.member ? [props.member] : [], path: "member" }],
    };
  }
  const members = props.members;
  const list =
    members === undefined || members === null ? [] : isUnknown(members) ? [UNKNOWN] : members;
  return { kind: "ok", grants: [{ role, members: list as readonly string[], path: "members" }] };
}

/** The Pub/Sub service agent of some project: `service-<number>@gcp-sa-pubsub.iam.gserviceaccount.com`. */
export function isPubSubServiceAgent(member: string): boolean {
  return /^serviceAccount:service-\d+@gcp-sa-pubsub\.iam\.gserviceaccount\.com$/.test(member);
}

/** Compute Engine's and App Engine's default service accounts. */
export function isDefaultServiceAccount(email: string): boolean {
  const bare = email.replace(/^serviceAccount:/, "");
  return (
    /^\d+-compute@developer\.gserviceaccount\.com$/.test(bare) ||
    /@appspot\.gserviceaccount\.com$/.test(bare)
  );
}

/**
 * The grants a resource makes, for a resource policy: a grant that cannot be read is reported
 * (resource policies fail closed) and yields `undefined`.
 */
export function readableGrants(
  type: string,
  props: GrantProps,
  report: (message: string) => void,
): readonly Grant[] | undefined {
  const parsed = grantsOf(type, props);
  if (parsed.kind === "invalid") {
    report(`the grant must be readable to be judged; ${parsed.problem}.`);
    return undefined;
  }
  return parsed.grants;
}
