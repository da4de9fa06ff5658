/**
 * The cloud identity of the GCP resource types this platform (and most programs) create: the
 * properties that name the resource and whether the name is unique per project or per project and
 * location. A second create of the same identity fails with 409 ALREADY_EXISTS.
 */
export interface IdentityRow {
  readonly nameProperties: readonly string[];
  /** `project`: unique in the project; `location`: unique per project and location/region. */
  readonly scope: "project" | "location";
  /** The property holding the location, for `location` scope. */
  readonly locationProperty?: string;
  readonly doc: string;
}

export const GCP_IDENTITIES: Readonly<Record<string, IdentityRow>> = {
  "gcp:pubsub/topic:Topic": {
    nameProperties: ["name"],
    scope: "project",
    doc: "https://cloud.google.com/pubsub/docs/reference/rest/v1/projects.topics/create",
  },
  "gcp:pubsub/subscription:Subscription": {
    nameProperties: ["name"],
    scope: "project",
    doc: "https://cloud.google.com/pubsub/docs/reference/rest/v1/projects.subscriptions/create",
  },
  "gcp:serviceaccount/account:Account": {
    nameProperties: ["accountId"],
    scope: "project",
    doc: "https://cloud.google.com/iam/docs/reference/rest/v1/projects.serviceAccounts/create",
  },
  "gcp:cloudrunv2/service:Service": {
    nameProperties: ["name"],
    scope: "location",
    locationProperty: "location",
    doc: "https://cloud.google.com/run/docs/reference/rest/v2/projects.locations.services/create",
  },
  "gcp:secretmanager/secret:Secret": {
    nameProperties: ["secretId"],
    scope: "project",
    doc: "https://cloud.google.com/secret-manager/docs/reference/rest/v1/projects.secrets/create",
  },
  "gcp:artifactregistry/repository:Repository": {
    nameProperties: ["repositoryId"],
    scope: "location",
    locationProperty: "location",
    doc: "https://cloud.google.com/artifact-registry/docs/reference/rest/v1/projects.locations.repositories/create",
  },
  "gcp:compute/network:Network": {
    nameProperties: ["name"],
    scope: "project",
    doc: "https://cloud.google.com/compute/docs/reference/rest/v1/networks/insert",
  },
  "gcp:compute/subnetwork:Subnetwork": {
    nameProperties: ["name"],
    scope: "location",
    locationProperty: "region",
    doc: "https://cloud.google.com/compute/docs/reference/rest/v1/subnetworks/insert",
  },
  "gcp:kms/keyRing:KeyRing": {
    nameProperties: ["name"],
    scope: "location",
    locationProperty: "location",
    doc: "https://cloud.google.com/kms/docs/reference/rest/v1/projects.locations.keyRings/create",
  },
  "gcp:kms/cryptoKey:CryptoKey": {
    nameProperties: ["keyRing", "name"],
    scope: "project",
    doc: "https://cloud.google.com/kms/docs/reference/rest/v1/projects.locations.keyRings.cryptoKeys/create",
  },
  "gcp:projects/iAMCustomRole:IAMCustomRole": {
    nameProperties: ["roleId"],
    scope: "project",
    doc: "https://cloud.google.com/iam/docs/reference/rest/v1/projects.roles/create",
  },
  "gcp:firestore/database:Database": {
    nameProperties: ["name"],
    scope: "project",
    doc: "https://cloud.google.com/firestore/docs/reference/rest/v1/projects.databases/create",
  },
  "gcp:firestore/field:Field": {
    nameProperties: ["database", "collection", "field"],
    scope: "project",
    doc: "https://cloud.google.com/firestore/docs/reference/rest/v1/projects.databases.collectionGroups.fields/patch",
  },
};
