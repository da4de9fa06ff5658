import { resourcePolicy } from "../../lib/define";
import {
  grantPropsSchema,
  readableGrants,
  HIERARCHY_GRANT_TYPES,
  hierarchyLevel,
} from "../../lib/gcp/iam-grants";
import { isUnknown } from "../../lib/values";
import { DATASTORE_ROLE, pinnedDatabase } from "../../lib/gcp/database-condition";

/**
 * Predefined roles that read (or decrypt) the data of every resource of a service when granted
 * above the resource (https://cloud.google.com/iam/docs/roles-permissions).
 */
export const DATA_READ_ROLES: readonly string[] = [
  "roles/secretmanager.secretAccessor",
  "roles/secretmanager.admin",
  "roles/storage.objectViewer",
  "roles/storage.objectUser",
  "roles/storage.objectAdmin",
  "roles/storage.admin",
  "roles/bigquery.dataViewer",
  "roles/bigquery.dataEditor",
  "roles/bigquery.dataOwner",
  "roles/bigquery.admin",
  "roles/pubsub.subscriber",
  "roles/pubsub.editor",
  "roles/pubsub.admin",
  "roles/cloudkms.cryptoKeyDecrypter",
  "roles/cloudkms.cryptoKeyEncrypterDecrypter",
  "roles/datastore.viewer",
  "roles/datastore.user",
  "roles/spanner.databaseReader",
  "roles/logging.privateLogViewer",
];

/**
 * Workload identities: service accounts, and workload identity federation principals
 * (`principal://…`, `principalSet://…`; https://cloud.google.com/iam/docs/principal-identifiers).
 */
export function isWorkloadMember(member: string): boolean {
  return /^(serviceAccount:|principal:\/\/|principalSet:\/\/)/.test(member);
}

/** Workload identities read only the resources they use, never a whole project's data. */
export const gcpIamProjectDisallowBroadDataAccess = resourcePolicy(
  {
    name: "gcp-iam-project-disallow-broad-data-access",
    description:
      "Service accounts and federated workload identities must not be granted data-reading roles (secret accessor, object viewer, subscriber, decrypter, …) at project, folder or organization level.",
    severity: "high",
    enforcementLevel: "mandatory",
    tags: ["gcp", "iam", "security", "least-privilege"],
    remediationSteps:
      'Grant the role on the one secret, bucket, subscription, dataset or key the workload uses (e.g. `gcp.secretmanager.SecretIamMember`); for a Firestore database, which has no IAM policy of its own, add the condition `resource.name == "projects/<p>/databases/<id>"`.',
  },
  {
    types: HIERARCHY_GRANT_TYPES,
    schema: grantPropsSchema,
    check: (props, ctx) => {
      const grants = readableGrants(ctx.type, props, (m) => ctx.report(m));
      for (const grant of grants ?? []) {
        if (isUnknown(grant.role) || !DATA_READ_ROLES.includes(grant.role)) continue;
        // A Firestore database has no IAM policy of its own: a project grant whose condition
        // names exactly that database is the narrowest grant there is.
        if (
          DATASTORE_ROLE.test(grant.role) &&
          grant.path !== "policyData" &&
          !grant.path.startsWith("policyData.") &&
          pinnedDatabase(props.condition) !== undefined
        )
          continue;
        const workloads = grant.members.filter((m) => !isUnknown(m) && isWorkloadMember(m));
        if (workloads.length > 0) {
          ctx.report(
            `${grant.path} must grant ${JSON.stringify(grant.role)} on the resources the workload uses, not at ${hierarchyLevel(ctx.type)} level (to ${workloads.map((m) => JSON.stringify(m)).join(", ")}).`,
          );
        }
      }
    },
  },
);
