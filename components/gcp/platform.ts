/**
 * The GCP platform: publisher → Pub/Sub topic → OIDC push subscriptions → Cloud Run consumers,
 * each with a dead-letter topic, least-privilege identities and alerts.
 */
import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { RESERVED_LABELS, type PlatformConfig } from "../config";
import type { Platform, PlatformArgs } from "../platform";
import { GcpApis, requiredApis, requiredServiceAgents, type ApiNeeds } from "./apis";
import { GcpConsumer } from "./consumer";
import { DELIVERY, eventTypeFilter, filterBytes } from "./delivery";
import { GcpEncryption } from "./encryption";
import { deployerMember } from "./iam";
import { ConsumerImage, PINNED_IMAGE } from "./image";
import { MAX_USER_LABELS, PLATFORM_LABEL_COUNT } from "./labels";
import { GcpMonitoring } from "./monitoring";
import { platformNames } from "./naming";
import { GcpNetwork } from "./network";
import { egressRangeProblem } from "./subnet-range";
import { loadPushSample, publishCommand } from "./publish-example";
import { consumerSecret, GcpSecrets } from "./secrets";
import { consumerImage, validateConsumerCode } from "./consumer-code";
import { databaseIdFor, StateStore } from "./state-store";
import { EventsTopic } from "./topic";
import { GcpOperatorAccess, operatorAccountId } from "./operator-access";

/** Throws `InputPropertyError` for config the GCP services would reject. */
export function validateForGcp(config: PlatformConfig): {
  project: string;
  region: string;
} {
  if (config.location.cloud !== "gcp") {
    throw new pulumi.InputPropertyError({
      propertyPath: "eventstack:cloud",
      reason: `the GCP platform needs eventstack:cloud "gcp", got ${JSON.stringify(config.cloud)}`,
    });
  }
  config.consumers.forEach((c, i) => {
    const bytes = filterBytes(eventTypeFilter(c.eventTypes));
    if (bytes > DELIVERY.filterMaxBytes) {
      throw new pulumi.InputPropertyError({
        propertyPath: `eventstack:consumers[${i}].eventTypes`,
        reason: `the ${c.eventTypes.length} event types of consumer ${c.name} make a ${bytes}-byte Pub/Sub filter; Pub/Sub allows ${DELIVERY.filterMaxBytes} bytes, so use fewer or shorter types`,
      });
    }
  });
  const userLabels = Object.keys(config.labels).filter(
    (k) => !(RESERVED_LABELS as readonly string[]).includes(k),
  ).length;
  if (userLabels > MAX_USER_LABELS) {
    throw new pulumi.InputPropertyError({
      propertyPath: "eventstack:labels",
      reason: `eventstack:labels: GCP allows 64 labels per resource and the platform sets ${PLATFORM_LABEL_COUNT} (environment, stack, managed-by, consumer, goog-pulumi-provisioned), so at most ${MAX_USER_LABELS} user labels, got ${userLabels}`,
    });
  }
  if (config.image !== undefined && !PINNED_IMAGE.test(config.image)) {
    throw new pulumi.InputPropertyError({
      propertyPath: "eventstack:image",
      reason: `eventstack:image: a prebuilt image must be pinned by digest (<registry>/<path>@sha256:<64 hex>), or "build" to build app/; got ${JSON.stringify(config.image)}`,
    });
  }
  validateConsumerCode(config);
  if (config.privateNetworking) {
    const instances = config.consumers.reduce((sum, c) => sum + c.maxInstances, 0);
    const problem = egressRangeProblem(config.gcp.vpcEgressRange, instances);
    if (problem !== undefined) {
      throw new pulumi.InputPropertyError({
        propertyPath: "eventstack:vpcEgressRange",
        reason: `eventstack:vpcEgressRange ${problem}`,
      });
    }
  }
  return { project: config.location.project, region: config.location.region };
}

/** The GCP implementation of the eventstack platform. */
export class GcpPlatform extends pulumi.ComponentResource implements Platform {
  readonly stackOutputs: Platform["stackOutputs"];

  constructor(name: string, args: PlatformArgs, opts?: pulumi.ComponentResourceOptions) {
    super("eventstack:gcp:Platform", name, {}, opts);
    const { config } = args;
    const { project, region } = validateForGcp(config);
    const sample = loadPushSample();
    const names = platformNames(name, config.stack);
    const labels = config.labels;
    // Stateful resources are protected in prod: `pulumi destroy` or a replacement stops at them
    // until a deployer runs `pulumi state unprotect` (README, "GCP: first deploy, updates and
    // destroy").
    const protect = config.environment === "prod";
    const needs: ApiNeeds = {
      customerManagedKeys: config.customerManagedKeys,
      privateNetworking: config.privateNetworking,
      hasSecrets: config.secrets.length > 0,
      buildsImage:
        config.image === undefined || config.consumers.some((c) => c.code.kind === "build"),
      stateStore: true,
    };

    const projectNumber = gcp.organizations.getProjectOutput(
      { projectId: project },
      { parent: this },
    ).number;
    const apis = new GcpApis(
      `${name}-apis`,
      {
        project,
        apis: requiredApis(needs),
        serviceAgents: requiredServiceAgents(needs),
      },
      { parent: this },
    );
    const pubsubAgentMember = apis.serviceAgentMember("pubsub", projectNumber);
    // Whoever runs `pulumi up` (CI's deploy account, or a user) is granted actAs on the accounts
    // the consumers create, so no manual grant precedes the first deploy.
    const deployer = gcp.organizations
      .getClientOpenIdUserInfoOutput({ parent: this })
      .email.apply(deployerMember);
    const encryption = needs.customerManagedKeys
      ? new GcpEncryption(
          `${name}-encryption`,
          {
            project,
            region,
            users: requiredServiceAgents(needs).map((agent) => ({
              agent,
              member: apis.serviceAgentMember(agent, projectNumber),
            })),
            labels,
            protect,
          },
          { parent: this, dependsOn: [apis] },
        )
      : undefined;
    // Everything waits for the APIs, and with customer-managed keys for the keys' grants.
    const after = {
      parent: this,
      dependsOn: encryption ? [apis, encryption] : [apis],
    };

    const topic = new EventsTopic(
      `${name}-events`,
      {
        project,
        region,
        topicName: names.topic,
        retentionDays: config.eventRetentionDays,
        kmsKeyName: encryption?.keyId("pubsub"),
        labels,
        protect,
      },
      after,
    );
    const secrets = needs.hasSecrets
      ? new GcpSecrets(
          `${name}-secrets`,
          {
            project,
            region,
            secrets: config.secrets,
            secretId: (secret) => names.secretFor(secret, needs.customerManagedKeys),
            kmsKeyName: encryption?.keyId("secretmanager"),
            deletionProtection: config.environment === "prod",
            labels,
            protect,
          },
          after,
        )
      : undefined;
    const network = needs.privateNetworking
      ? new GcpNetwork(
          `${name}-network`,
          {
            project,
            region,
            networkName: names.network,
            subnetName: names.subnet,
            range: config.gcp.vpcEgressRange,
            flowLogSamplingPercent: config.gcp.flowLogSamplingPercent,
          },
          after,
        )
      : undefined;
    const repository = needs.buildsImage
      ? new ConsumerImage(
          `${name}-image`,
          {
            project,
            region,
            repositoryId: names.repositoryFor(needs.customerManagedKeys),
            kmsKeyName: encryption?.keyId("artifactregistry"),
            labels,
            protect,
            buildSample: config.image === undefined,
          },
          after,
        )
      : undefined;
    const store = new StateStore(
      `${name}-state`,
      {
        project,
        region,
        databaseId: databaseIdFor(names.prefix, needs.customerManagedKeys),
        kmsKeyName: encryption?.keyId("firestore"),
        production: protect,
      },
      after,
    );

    const planned = config.consumers.map((consumer) => ({
      consumer,
      names: names.consumer(consumer.name, eventTypeFilter(consumer.eventTypes)),
    }));
    const monitoring = new GcpMonitoring(
      `${name}-monitoring`,
      {
        project,
        stack: config.stack,
        email: config.alerting.email,
        dashboard: {
          displayName: `eventstack ${config.stack}`,
          services: planned.map((p) => p.names.service),
          subscriptions: planned.map((p) => p.names.subscription),
          deadLetterSubscriptions: planned.map((p) => p.names.deadLetterSubscription),
          labels,
        },
        labels,
      },
      after,
    );

    const consumers = planned.map(({ consumer, names: consumerNames }) => {
      const secret =
        consumer.secret === undefined ? undefined : secrets?.byName.get(consumer.secret);
      const component = new GcpConsumer(
        `${name}-${consumer.name}`,
        {
          consumer,
          names: consumerNames,
          project,
          region,
          stack: config.stack,
          environment: config.environment,
          protect,
          authMode: config.gcp.authMode,
          labels,
          image: consumerImage(
            `${name}-${consumer.name}`,
            consumer.name,
            consumer.code,
            config.image,
            repository,
          ),
          imageBuiltFromApp: consumer.code.kind === "sample" && config.image === undefined,
          topic: { id: topic.id, name: names.topic },
          projectNumber,
          pubsubAgentMember,
          deployerMember: deployer,
          kmsKeyName: encryption?.keyId("pubsub"),
          secret: secret && consumerSecret(consumer.name, consumer.secret, secret),
          vpc: network && {
            network: network.network.id,
            subnetwork: network.subnetwork.id,
          },
          alerting: config.alerting,
          notificationChannels: [monitoring.channel.name],
          stateDatabase: store.databaseId,
        },
        after,
      );
      store.grantUser(consumer.name, component.runtimeAccount.member);
      return [consumer.name, component] as const;
    });
    const operator = new GcpOperatorAccess(
      `${name}-operator`,
      {
        project,
        stack: config.stack,
        accountId: operatorAccountId(names.prefix),
        deadLetterSubscriptions: consumers.map(([consumer, c]) => ({
          consumer,
          subscription: c.deadLetter.subscription.name,
        })),
        topic: topic.topic.name,
        member: config.gcp.operatorMember,
      },
      after,
    );

    this.stackOutputs = {
      cloud: config.cloud,
      environment: config.environment,
      topicId: topic.id,
      consumers: Object.fromEntries(
        consumers.map(([consumerName, c]) => [
          consumerName,
          {
            serviceUrl: c.url,
            subscription: c.subscription.id,
            deadLetterTopic: c.deadLetter.topic.id,
            deadLetterSubscription: c.deadLetter.subscription.id,
          },
        ]),
      ),
      dashboardUrl: monitoring.dashboardUrl,
      publishExample: topic.id.apply((id) => publishCommand(id, sample)),
      // Operators impersonate it to read and redrive dead letters (README, "Operating dead letters").
      deadLetterOperator: operator.email,
    };
    this.registerOutputs(this.stackOutputs);
  }
}
