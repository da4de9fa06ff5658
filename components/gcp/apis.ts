/**
 * The Google APIs the platform uses, enabled and never disabled on destroy (other workloads in the
 * project may rely on them), and the service agents the platform grants roles to.
 */
import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { SERVICE_AGENTS, serviceAccountMember, serviceAgentEmail, type ServiceAgent } from "./iam";
import { propagationWait } from "./propagation";

/** What the platform deploys, as far as it decides which APIs are needed. */
export interface ApiNeeds {
  readonly customerManagedKeys: boolean;
  readonly privateNetworking: boolean;
  readonly hasSecrets: boolean;
  readonly buildsImage: boolean;
  /** The stack's Firestore database (the consumers' shared store). */
  readonly stateStore: boolean;
}

/** The APIs to enable, in a stable order. */
export function requiredApis(needs: ApiNeeds): string[] {
  return [
    "iam.googleapis.com",
    "monitoring.googleapis.com",
    "pubsub.googleapis.com",
    "run.googleapis.com",
    ...(needs.hasSecrets ? ["secretmanager.googleapis.com"] : []),
    ...(needs.buildsImage ? ["artifactregistry.googleapis.com"] : []),
    ...(needs.stateStore ? ["firestore.googleapis.com"] : []),
    ...(needs.customerManagedKeys ? ["cloudkms.googleapis.com"] : []),
    ...(needs.privateNetworking ? ["compute.googleapis.com"] : []),
  ];
}

/**
 * The service agents that receive grants: Pub/Sub's always (dead-lettering, push tokens), and
 * with customer-managed keys those of the services whose data the keys encrypt.
 */
export function requiredServiceAgents(needs: ApiNeeds): ServiceAgent[] {
  if (!needs.customerManagedKeys) return ["pubsub"];
  return [
    "pubsub",
    ...(needs.hasSecrets ? (["secretmanager"] as const) : []),
    ...(needs.buildsImage ? (["artifactregistry"] as const) : []),
    ...(needs.stateStore ? (["firestore"] as const) : []),
  ];
}

/** Arguments of {@link GcpApis}. */
export interface GcpApisArgs {
  /** Project to enable the APIs in. No default. */
  readonly project: string;
  /** API service names, from {@link requiredApis}. No default. */
  readonly apis: readonly string[];
  /** Service agents to make sure exist, from {@link requiredServiceAgents}. No default. */
  readonly serviceAgents: readonly ServiceAgent[];
}

/**
 * Enabled APIs and provisioned service agents. Depend on this component to order anything after
 * both: a grant to a service agent that does not exist yet fails.
 */
export class GcpApis extends pulumi.ComponentResource {
  /** The enabled API services. */
  readonly services: gcp.projects.Service[];
  /** The provisioned service agents. */
  readonly serviceIdentities: ReadonlyMap<ServiceAgent, gcp.projects.ServiceIdentity>;

  constructor(name: string, args: GcpApisArgs, opts?: pulumi.ComponentResourceOptions) {
    super("eventstack:gcp:Apis", name, {}, opts);
    this.services = args.apis.map(
      (api) =>
        new gcp.projects.Service(
          `${name}-${api.split(".")[0]}`,
          {
            project: args.project,
            service: api,
            disableOnDestroy: false,
            disableDependentServices: false,
          },
          { parent: this },
        ),
    );
    // A just-enabled API can still refuse calls for a while (see ./propagation.ts).
    const enabled = propagationWait(`${name}-enabled-wait`, "api", this.services, this);
    this.serviceIdentities = new Map(
      args.serviceAgents.map((agent) => [
        agent,
        new gcp.projects.ServiceIdentity(
          `${name}-${agent}-agent`,
          { project: args.project, service: SERVICE_AGENTS[agent].api },
          { parent: this, dependsOn: [enabled] },
        ),
      ]),
    );
    this.registerOutputs({ services: this.services.map((s) => s.service) });
  }

  /**
   * The IAM member of a provisioned service agent, derived from the project number; grants that
   * use it wait for the agent to exist.
   */
  serviceAgentMember(
    agent: ServiceAgent,
    projectNumber: pulumi.Input<string>,
  ): pulumi.Output<string> {
    const identity = this.serviceIdentities.get(agent);
    if (identity === undefined) throw new Error(`the ${agent} service agent was not provisioned`);
    return pulumi
      .all([projectNumber, identity.id])
      .apply(([n]) => serviceAccountMember(serviceAgentEmail(agent, n)));
  }
}
