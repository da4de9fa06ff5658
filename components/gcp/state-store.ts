/**
 * The stack's shared store: one Firestore database in native mode that every consumer keeps its
 * idempotency records and read models in (`consumers/{CONSUMER_NAME}/…`), with a TTL policy on
 * the idempotency records and, per consumer, `roles/datastore.user` on that database only.
 */
import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { ROLES } from "./iam";
import { CMEK_SUFFIX, fit } from "./naming";

/** Firestore database ids: 4-63 characters of `[a-z0-9-]` (firestore.Database `name`). */
export const DATABASE_ID_MAX = 63;

/** The collection group and field the consumers' idempotency records expire by. */
export const IDEMPOTENCY_TTL = { collection: "idempotency", field: "expiresAt" } as const;

/**
 * The database id for the encryption in use: a database's CMEK is fixed at creation
 * (https://cloud.google.com/firestore/docs/cmek: "you can't change the key of an existing
 * database"), so the id changes with it and a toggle creates a new database.
 */
export function databaseIdFor(prefix: string, customerManagedKeys: boolean): string {
  const base = `${prefix}-data`;
  return fit(customerManagedKeys ? `${base}-${CMEK_SUFFIX}` : base, DATABASE_ID_MAX);
}

/** `projects/<project>/databases/<id>`, the name IAM conditions test. */
export function databaseResourceName(project: string, databaseId: string): string {
  return `projects/${project}/databases/${databaseId}`;
}

/**
 * The condition that narrows a project-level grant to the one database. Firestore has no
 * per-database IAM policy; Google's way to scope access to a database is an IAM condition on
 * `resource.name` (https://cloud.google.com/firestore/docs/security/iam#iam_conditions).
 */
export function databaseCondition(project: string, databaseId: string, consumer: string) {
  return {
    title: `eventstack-${consumer}-database`,
    description: `Only the Firestore database ${databaseId}`,
    expression: `resource.name == "${databaseResourceName(project, databaseId)}"`,
  };
}

/** Arguments of {@link StateStore}. */
export interface StateStoreArgs {
  readonly project: string;
  /** The database's location: the stack's region (and the key's). No default. */
  readonly region: string;
  /** Database id, from {@link databaseIdFor}. No default. */
  readonly databaseId: string;
  /** Customer-managed key; undefined means Google-managed encryption. No default. */
  readonly kmsKeyName: pulumi.Input<string> | undefined;
  /** Point-in-time recovery (7 days of versions) and delete protection; on in prod. No default. */
  readonly production: boolean;
}

/** The Firestore database, its TTL policy and the consumers' grants. */
export class StateStore extends pulumi.ComponentResource {
  readonly database: gcp.firestore.Database;
  /** The database id consumers read as `FIRESTORE_DATABASE`. */
  readonly databaseId: string;
  private readonly project: string;
  private readonly componentName: string;

  constructor(name: string, args: StateStoreArgs, opts?: pulumi.ComponentResourceOptions) {
    super("eventstack:gcp:StateStore", name, {}, opts);
    this.project = args.project;
    this.componentName = name;
    this.databaseId = args.databaseId;
    this.database = new gcp.firestore.Database(
      `${name}-database`,
      {
        project: args.project,
        name: args.databaseId,
        locationId: args.region,
        type: "FIRESTORE_NATIVE",
        concurrencyMode: "OPTIMISTIC",
        appEngineIntegrationMode: "DISABLED",
        pointInTimeRecoveryEnablement: args.production
          ? "POINT_IN_TIME_RECOVERY_ENABLED"
          : "POINT_IN_TIME_RECOVERY_DISABLED",
        deleteProtectionState: args.production
          ? "DELETE_PROTECTION_ENABLED"
          : "DELETE_PROTECTION_DISABLED",
        // The provider's default, ABANDON, would leave a destroyed dev stack's database behind.
        deletionPolicy: "DELETE",
        cmekConfig: args.kmsKeyName === undefined ? undefined : { kmsKeyName: args.kmsKeyName },
      },
      { parent: this, protect: args.production },
    );
    // Firestore deletes a document once its `expiresAt` timestamp has passed (typically within
    // 24 hours after: https://cloud.google.com/firestore/docs/ttl); the consumers treat an
    // expired record as absent, so the delay never replays an event.
    new gcp.firestore.Field(
      `${name}-idempotency-ttl`,
      {
        project: args.project,
        database: this.database.name,
        collection: IDEMPOTENCY_TTL.collection,
        field: IDEMPOTENCY_TTL.field,
        ttlConfig: {},
      },
      { parent: this },
    );
    this.registerOutputs({ database: this.database.name });
  }

  /** Grants `member` (a consumer's runtime identity) `roles/datastore.user` on this database. */
  grantUser(consumer: string, member: pulumi.Input<string>): gcp.projects.IAMMember {
    return new gcp.projects.IAMMember(
      `${this.componentName}-${consumer}-datastore-user`,
      {
        project: this.project,
        role: ROLES.datastoreUser,
        member,
        condition: databaseCondition(this.project, this.databaseId, consumer),
      },
      { parent: this, dependsOn: [this.database] },
    );
  }
}
