/**
 * Every IAM grant the GCP platform makes, as data: which principal gets which role, on which
 * resource. All grants are on single resources; none is project-wide, none is a basic role and
 * none names a public principal.
 */

/** The predefined roles the platform grants. */
export const ROLES = {
  runInvoker: "roles/run.invoker",
  pubsubPublisher: "roles/pubsub.publisher",
  pubsubSubscriber: "roles/pubsub.subscriber",
  tokenCreator: "roles/iam.serviceAccountTokenCreator",
  serviceAccountUser: "roles/iam.serviceAccountUser",
  secretAccessor: "roles/secretmanager.secretAccessor",
  kmsEncrypterDecrypter: "roles/cloudkms.cryptoKeyEncrypterDecrypter",
  /** Read and write documents (no admin): the consumers' role on the stack's database. */
  datastoreUser: "roles/datastore.user",
} as const;

export type Role = (typeof ROLES)[keyof typeof ROLES];

/** Google-managed service agents the platform grants roles to. */
export const SERVICE_AGENTS = {
  pubsub: { api: "pubsub.googleapis.com", domain: "gcp-sa-pubsub" },
  secretmanager: { api: "secretmanager.googleapis.com", domain: "gcp-sa-secretmanager" },
  artifactregistry: { api: "artifactregistry.googleapis.com", domain: "gcp-sa-artifactregistry" },
  // Firestore encrypts a CMEK database as this agent (https://cloud.google.com/firestore/docs/cmek).
  firestore: { api: "firestore.googleapis.com", domain: "gcp-sa-firestore" },
} as const;

export type ServiceAgent = keyof typeof SERVICE_AGENTS;

/** One grant of `role` to `member`. `M` is `string`, or a Pulumi output of one. */
export interface Binding<M = string> {
  readonly role: Role;
  readonly member: M;
}

/** `service-<number>@gcp-sa-<service>.iam.gserviceaccount.com`. */
export function serviceAgentEmail(agent: ServiceAgent, projectNumber: string): string {
  if (!/^[1-9]\d*$/.test(projectNumber)) {
    throw new Error(`a project number is all digits, got ${JSON.stringify(projectNumber)}`);
  }
  return `service-${projectNumber}@${SERVICE_AGENTS[agent].domain}.iam.gserviceaccount.com`;
}

/** The IAM member string for a service account email. */
export function serviceAccountMember(email: string): string {
  return `serviceAccount:${email}`;
}

/**
 * The IAM member of the identity running the deployment, from its OpenID email
 * (`gcp.organizations.getClientOpenIdUserInfo`): a service account (what CI impersonates; its
 * email ends in `.gserviceaccount.com`) or a user (`gcloud auth application-default login`).
 * Principal identifiers: https://cloud.google.com/iam/docs/principal-identifiers.
 */
export function deployerMember(email: string): string {
  if (!/^[^@\s:]+@[^@\s:]+\.[^@\s:]+$/.test(email)) {
    throw new Error(
      `the deploying identity's OpenID email must be an email address, got ${JSON.stringify(email)}; the provider needs the userinfo.email scope`,
    );
  }
  return /\.gserviceaccount\.com$/.test(email) ? serviceAccountMember(email) : `user:${email}`;
}

/** The principals of one consumer. */
export interface ConsumerPrincipals<M> {
  /** The Cloud Run service's own identity. */
  readonly runtime: M;
  /** The identity Pub/Sub signs push requests as. */
  readonly push: M;
  /** The project's Pub/Sub service agent. */
  readonly pubsubAgent: M;
  /** The identity running the deployment ({@link deployerMember}). */
  readonly deployer: M;
}

/** The grants of one consumer, keyed by the single resource each is made on. */
export interface ConsumerBindings<M> {
  /** On the consumer's Cloud Run service: the push identity may invoke it. */
  readonly serviceInvoker: Binding<M>;
  /**
   * On the push service account: the Pub/Sub agent may mint its OIDC tokens. Projects whose
   * Pub/Sub agent predates 2021-04-08 need this; the program cannot tell a project's age, and the
   * grant reaches no further than an identity that can only invoke this one service.
   */
  readonly pushTokenCreator: Binding<M>;
  /** On the push subscription: the agent acknowledges what it forwards to the dead-letter topic. */
  readonly subscriptionSubscriber: Binding<M>;
  /** On the dead-letter topic: the agent forwards undeliverable events there. */
  readonly deadLetterPublisher: Binding<M>;
  /** On the consumer's secret, when it has one: the runtime identity may read it. */
  readonly secretAccessor: Binding<M> | undefined;
  /**
   * On the runtime service account: the deployer may act as it (`iam.serviceAccounts.actAs`),
   * which Cloud Run requires of whoever creates or updates a service running as it ("Cloud Run
   * service identity: permissions to deploy",
   * https://cloud.google.com/run/docs/configuring/services/service-identity; "Service account
   * impersonation: iam.serviceAccounts.actAs", https://cloud.google.com/iam/docs/service-accounts-actas).
   */
  readonly runtimeActAs: Binding<M>;
  /**
   * On the push service account: the deployer may act as it, which Pub/Sub requires of whoever
   * creates or updates a push subscription that authenticates as it
   * (https://cloud.google.com/pubsub/docs/authenticate-push-subscriptions).
   */
  readonly pushActAs: Binding<M>;
}

/** The grants one consumer needs, and no others. */
export function consumerBindings<M>(
  who: ConsumerPrincipals<M>,
  hasSecret: boolean,
): ConsumerBindings<M> {
  return {
    serviceInvoker: { role: ROLES.runInvoker, member: who.push },
    pushTokenCreator: { role: ROLES.tokenCreator, member: who.pubsubAgent },
    subscriptionSubscriber: { role: ROLES.pubsubSubscriber, member: who.pubsubAgent },
    deadLetterPublisher: { role: ROLES.pubsubPublisher, member: who.pubsubAgent },
    secretAccessor: hasSecret ? { role: ROLES.secretAccessor, member: who.runtime } : undefined,
    runtimeActAs: { role: ROLES.serviceAccountUser, member: who.deployer },
    pushActAs: { role: ROLES.serviceAccountUser, member: who.deployer },
  };
}

/** The grant a service agent needs on the key that encrypts its service's data. */
export function keyUserBinding<M>(agentMember: M): Binding<M> {
  return { role: ROLES.kmsEncrypterDecrypter, member: agentMember };
}

/** Principals no grant may name. */
export const PUBLIC_MEMBERS = ["allUsers", "allAuthenticatedUsers"] as const;

/** Roles no grant may use. */
export const BASIC_ROLES = ["roles/owner", "roles/editor", "roles/viewer"] as const;
