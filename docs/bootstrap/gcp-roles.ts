/**
 * The project roles eventstack's GCP identities need, per resource type the program registers.
 * Deploy roles create, update and delete; preview roles only read (predefined roles, never the
 * basic owner/editor/viewer). Role contents: "IAM basic and predefined roles reference",
 * https://cloud.google.com/iam/docs/roles-permissions.
 *
 * Not here: `roles/iam.serviceAccountUser` (`iam.serviceAccounts.actAs`), which Cloud Run and
 * Pub/Sub push check on the runtime and push identities; the policy pack forbids it at project
 * level, so the main program grants it to the deploying identity on each of those service accounts
 * (components/gcp/consumer.ts), which `roles/iam.serviceAccountAdmin` below permits
 * (`iam.serviceAccounts.setIamPolicy`; see {@link ACT_AS_ROLE}).
 */
export interface RolePair {
  readonly deploy: string;
  readonly preview: string;
}

const PUBSUB: RolePair = { deploy: "roles/pubsub.admin", preview: "roles/pubsub.viewer" };
const RUN: RolePair = { deploy: "roles/run.admin", preview: "roles/run.viewer" };
const SERVICE_ACCOUNTS: RolePair = {
  deploy: "roles/iam.serviceAccountAdmin",
  preview: "roles/iam.serviceAccountViewer",
};
const KMS: RolePair = { deploy: "roles/cloudkms.admin", preview: "roles/cloudkms.viewer" };
const MONITORING: RolePair = {
  deploy: "roles/monitoring.editor",
  preview: "roles/monitoring.viewer",
};
const SERVICES: RolePair = {
  deploy: "roles/serviceusage.serviceUsageAdmin",
  preview: "roles/serviceusage.serviceUsageViewer",
};
const REGISTRY: RolePair = {
  deploy: "roles/artifactregistry.admin",
  preview: "roles/artifactregistry.reader",
};
const FIRESTORE: RolePair = {
  deploy: "roles/datastore.owner",
  preview: "roles/datastore.indexViewer",
};
/**
 * Reads every IAM policy the program's `*IAMMember` resources manage (the viewer roles above omit
 * some `getIamPolicy` permissions); grants no access to data.
 */
export const PREVIEW_IAM_READER = "roles/iam.securityReviewer";
const NETWORK: RolePair = {
  deploy: "roles/compute.networkAdmin",
  preview: "roles/compute.networkViewer",
};

/** Resource type → the roles that manage and read it. */
export const GCP_ROLES_BY_TYPE: Readonly<Record<string, RolePair>> = {
  "gcp:pubsub/topic:Topic": PUBSUB,
  "gcp:pubsub/topicIAMMember:TopicIAMMember": PUBSUB,
  "gcp:pubsub/subscription:Subscription": PUBSUB,
  "gcp:pubsub/subscriptionIAMMember:SubscriptionIAMMember": PUBSUB,
  "gcp:cloudrunv2/service:Service": RUN,
  "gcp:cloudrunv2/serviceIamMember:ServiceIamMember": RUN,
  "gcp:serviceaccount/account:Account": SERVICE_ACCOUNTS,
  "gcp:serviceaccount/iAMMember:IAMMember": SERVICE_ACCOUNTS,
  "gcp:secretmanager/secret:Secret": {
    deploy: "roles/secretmanager.admin",
    // Metadata only: secretmanager.viewer cannot read a secret's value.
    preview: "roles/secretmanager.viewer",
  },
  "gcp:secretmanager/secretVersion:SecretVersion": {
    deploy: "roles/secretmanager.admin",
    preview: "roles/secretmanager.viewer",
  },
  "gcp:secretmanager/secretIamMember:SecretIamMember": {
    deploy: "roles/secretmanager.admin",
    preview: "roles/secretmanager.viewer",
  },
  "gcp:kms/keyRing:KeyRing": KMS,
  "gcp:kms/cryptoKey:CryptoKey": KMS,
  "gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember": KMS,
  "gcp:monitoring/alertPolicy:AlertPolicy": MONITORING,
  "gcp:monitoring/dashboard:Dashboard": MONITORING,
  "gcp:monitoring/notificationChannel:NotificationChannel": MONITORING,
  "gcp:projects/service:Service": SERVICES,
  "gcp:projects/serviceIdentity:ServiceIdentity": SERVICES,
  "gcp:artifactregistry/repository:Repository": REGISTRY,
  // The image build pushes to the stack's repository (artifactregistry.admin includes writer).
  "docker-build:index:Image": REGISTRY,
  "gcp:compute/network:Network": NETWORK,
  "gcp:compute/subnetwork:Subnetwork": NETWORK,
  // The shared store: databases and their TTL fields (datastore.owner administers databases and
  // indexes); the preview reads index and field metadata, never documents.
  "gcp:firestore/database:Database": FIRESTORE,
  "gcp:firestore/field:Field": FIRESTORE,
  // Each consumer's datastore.user, conditioned on the stack's database: Firestore has no
  // per-database IAM policy, so the grant is the project's (setIamPolicy on the project).
  "gcp:projects/iAMMember:IAMMember": {
    deploy: "roles/resourcemanager.projectIamAdmin",
    preview: PREVIEW_IAM_READER,
  },
};

/** `iam.serviceAccounts.actAs`, granted per service account, never at project level. */
export const ACT_AS_ROLE = "roles/iam.serviceAccountUser";

/** The distinct roles of one kind, sorted. */
export function rolesOf(kind: keyof RolePair): string[] {
  const roles = new Set(Object.values(GCP_ROLES_BY_TYPE).map((p) => p[kind]));
  if (kind === "preview") roles.add(PREVIEW_IAM_READER);
  return [...roles].sort();
}
