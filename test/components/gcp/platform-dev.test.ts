import assert from "node:assert/strict";
import { eventTypeFilter } from "../../../components/gcp/delivery";
import { platformNames } from "../../../components/gcp/naming";
import { loadPushSample, publishCommand } from "../../../components/gcp/publish-example";
import type { Plan } from "../../../policies/offline/plan";
import { ofType, plan, withSecret } from "../../support/plan";
import { at, grants, idOf, inputsOf, names, outputOf, T } from "./plan-helpers";

const PROJECT = "acme-events-dev";
const AGENT = "serviceAccount:service-482901735528@gcp-sa-pubsub.iam.gserviceaccount.com";
/** The identity the mock runtime deploys as (its getClientOpenIdUserInfo answer). */
const DEPLOYER = "serviceAccount:deployer@acme-events-dev.iam.gserviceaccount.com";
/** The dead-letter operator's account (components/gcp/operator-access.ts). */
const OPERATOR = "serviceAccount:dlq-operator-3174@acme-events-dev.iam.gserviceaccount.com";
const n = platformNames("eventstack", "dev");
const orders = n.consumer(
  "orders",
  eventTypeFilter(["com.example.order.placed.v1", "com.example.order.cancelled.v1"]),
);
const audit = n.consumer(
  "audit",
  eventTypeFilter([
    "com.example.order.placed.v1",
    "com.example.order.cancelled.v1",
    "com.example.order.shipped.v1",
  ]),
);
const email = (id: string) => `${id}@${PROJECT}.iam.gserviceaccount.com`;
const LABELS = {
  team: "platform",
  "cost-center": "cc-1042",
  environment: "dev",
  stack: "dev",
  "managed-by": "eventstack",
};

describe("GcpPlatform on the dev stack", () => {
  let p: Plan;
  before(async () => {
    p = await plan("dev", withSecret("dev"));
  });

  it("enables the APIs it uses and never disables them on destroy", () => {
    const apis = ofType(p, T.service);
    assert.deepEqual(apis.map((a) => a.inputs.service).sort(), [
      "artifactregistry.googleapis.com",
      "firestore.googleapis.com",
      "iam.googleapis.com",
      "monitoring.googleapis.com",
      "pubsub.googleapis.com",
      "run.googleapis.com",
      "secretmanager.googleapis.com",
    ]);
    for (const api of apis) {
      assert.equal(api.inputs.disableOnDestroy, false);
      assert.equal(api.inputs.disableDependentServices, false);
      assert.equal(api.inputs.project, PROJECT);
    }
    assert.deepEqual(
      ofType(p, T.identity).map((i) => i.inputs.service),
      ["pubsub.googleapis.com"],
    );
  });

  it("keeps published events 7 days in the region, with Google-managed encryption", () => {
    assert.deepEqual(inputsOf(p, T.topic, "eventstack-events-topic"), {
      project: PROJECT,
      name: "eventstack-dev-events",
      messageRetentionDuration: "604800s",
      messageStoragePolicy: { allowedPersistenceRegions: ["europe-west1"] },
      labels: LABELS,
    });
    assert.deepEqual(ofType(p, T.keyRing), []);
    assert.deepEqual(ofType(p, T.key), []);
  });

  it("gives each consumer a runtime and a push identity of its own, and operators one account", () => {
    assert.deepEqual(names(p, T.account), [
      "eventstack-audit-push",
      "eventstack-audit-runtime",
      "eventstack-operator-account",
      "eventstack-orders-push",
      "eventstack-orders-runtime",
    ]);
    assert.equal(
      inputsOf(p, T.account, "eventstack-orders-runtime").accountId,
      orders.runtimeAccountId,
    );
    assert.equal(inputsOf(p, T.account, "eventstack-orders-push").accountId, orders.pushAccountId);
  });

  it("runs each consumer on Cloud Run as its runtime identity, internal ingress, no public access", () => {
    const svc = inputsOf(p, T.run, "eventstack-orders-service");
    const audience = "https://eventstack-dev-orders-482901735528.europe-west1.run.app";
    assert.equal(svc.name, "eventstack-dev-orders");
    assert.equal(svc.location, "europe-west1");
    assert.equal(svc.ingress, "INGRESS_TRAFFIC_INTERNAL_ONLY");
    assert.equal(svc.invokerIamDisabled, false);
    assert.equal(svc.deletionProtection, false);
    assert.deepEqual(svc.customAudiences, [audience]);
    assert.equal(at(svc, "template.serviceAccount"), email(orders.runtimeAccountId));
    assert.deepEqual(at(svc, "template.scaling"), { minInstanceCount: 0, maxInstanceCount: 100 });
    assert.equal(at(svc, "template.maxInstanceRequestConcurrency"), 80);
    assert.equal(at(svc, "template.timeout"), "60s");
    assert.equal(at(svc, "template.vpcAccess"), undefined);
    assert.deepEqual(at(svc, "template.containers.0.resources"), {
      limits: { cpu: "1", memory: "512Mi" },
      cpuIdle: true,
      startupCpuBoost: true,
    });
    assert.deepEqual(at(svc, "template.containers.0.startupProbe.httpGet"), {
      path: "/health",
      port: 8080,
    });
    assert.deepEqual(at(svc, "template.containers.0.livenessProbe.httpGet"), {
      path: "/health",
      port: 8080,
    });
    assert.deepEqual(at(svc, "template.containers.0.envs"), [
      { name: "CONSUMER_NAME", value: "orders" },
      { name: "LOG_LEVEL", value: "info" },
      { name: "AUTH_MODE", value: "oidc" },
      { name: "OIDC_AUDIENCE", value: audience },
      { name: "PUSH_SERVICE_ACCOUNT_EMAIL", value: email(orders.pushAccountId) },
      { name: "GOOGLE_CLOUD_PROJECT", value: PROJECT },
      { name: "STATE_STORE", value: "firestore" },
      { name: "FIRESTORE_DATABASE", value: "eventstack-dev-data" },
      { name: "CONSUMER_TIMEOUT_SECONDS", value: "60" },
      {
        name: "BACKEND_API_KEY",
        valueSource: {
          // The version number the stack created, never the `latest` alias.
          secretKeyRef: {
            secret: "eventstack-dev-orders-api-key",
            version: outputOf(
              p,
              T.secretVersion,
              "eventstack-secrets-orders-api-key-value",
              "version",
            ),
          },
        },
      },
      // A 512 MiB instance of the sample image built here: V8's young generation of a larger one.
      { name: "NODE_OPTIONS", value: "--enable-source-maps --max-semi-space-size=16" },
    ]);
    const auditEnvs = at(
      inputsOf(p, T.run, "eventstack-audit-service"),
      "template.containers.0.envs",
    );
    assert.ok(
      Array.isArray(auditEnvs) && !auditEnvs.some((e) => at(e, "name") === "BACKEND_API_KEY"),
    );
  });

  it("runs the image built from app/ and pushed to the stack's repository", () => {
    const tag = "europe-west1-docker.pkg.dev/acme-events-dev/eventstack-dev-images/consumer:latest";
    const build = inputsOf(p, T.image, "eventstack-image-build");
    assert.deepEqual(build.tags, [tag]);
    assert.deepEqual(build.context, { location: "." });
    assert.deepEqual(build.dockerfile, { location: "app/consumer/Dockerfile" });
    assert.deepEqual(build.platforms, ["linux/amd64"]);
    assert.equal(build.push, true);
    assert.deepEqual(at(build, "registries.0.address"), "europe-west1-docker.pkg.dev");
    assert.deepEqual(at(build, "registries.0.username"), "oauth2accesstoken");
    assert.deepEqual(at(build, "registries.0.password"), "[secret]");
    const ref = outputOf(p, T.image, "eventstack-image-build", "ref");
    assert.match(ref, new RegExp(`^${tag.replace(/[.]/g, "\\.")}@sha256:[0-9a-f]{64}$`));
    for (const svc of ofType(p, T.run))
      assert.equal(at(svc.inputs, "template.containers.0.image"), ref);
    const repo = inputsOf(p, T.repository, "eventstack-image-repository");
    assert.equal(repo.repositoryId, "eventstack-dev-images");
    assert.equal(repo.format, "DOCKER");
    assert.equal(repo.location, "europe-west1");
    assert.equal(repo.kmsKeyName, undefined);
  });

  it("pushes filtered events with an OIDC token, retries with backoff and dead-letters after 5 attempts", () => {
    const orderSub = inputsOf(p, T.subscription, "eventstack-orders-subscription");
    assert.deepEqual(orderSub, {
      project: PROJECT,
      name: orders.subscription,
      topic: "projects/acme-events-dev/topics/eventstack-dev-events",
      filter:
        'attributes.ce-type = "com.example.order.placed.v1" OR attributes.ce-type = "com.example.order.cancelled.v1"',
      ackDeadlineSeconds: 60,
      messageRetentionDuration: "604800s",
      retainAckedMessages: false,
      retryPolicy: { minimumBackoff: "10s", maximumBackoff: "600s" },
      deadLetterPolicy: {
        deadLetterTopic: "projects/acme-events-dev/topics/eventstack-dev-orders-dlq",
        maxDeliveryAttempts: 5,
      },
      expirationPolicy: { ttl: "" },
      pushConfig: {
        pushEndpoint: outputOf(p, T.run, "eventstack-orders-service", "uri"),
        oidcToken: {
          serviceAccountEmail: email(orders.pushAccountId),
          audience: "https://eventstack-dev-orders-482901735528.europe-west1.run.app",
        },
      },
      labels: { ...LABELS, consumer: "orders" },
    });
    assert.match(String(at(orderSub, "pushConfig.pushEndpoint")), /^https:\/\//);
    const auditSub = inputsOf(p, T.subscription, "eventstack-audit-subscription");
    assert.equal(
      auditSub.filter,
      'attributes.ce-type = "com.example.order.placed.v1" OR attributes.ce-type = "com.example.order.cancelled.v1" OR attributes.ce-type = "com.example.order.shipped.v1"',
    );
  });

  it("keeps each consumer's dead letters 7 days in a pull subscription on its dead-letter topic", () => {
    assert.deepEqual(inputsOf(p, T.topic, "eventstack-orders-dead-letter-topic"), {
      project: PROJECT,
      name: orders.deadLetterTopic,
      messageStoragePolicy: { allowedPersistenceRegions: ["europe-west1"] },
      labels: { ...LABELS, consumer: "orders" },
    });
    assert.deepEqual(inputsOf(p, T.subscription, "eventstack-orders-dead-letter-subscription"), {
      project: PROJECT,
      name: orders.deadLetterSubscription,
      topic: `projects/${PROJECT}/topics/${orders.deadLetterTopic}`,
      ackDeadlineSeconds: 60,
      messageRetentionDuration: "604800s",
      retainAckedMessages: false,
      expirationPolicy: { ttl: "" },
      labels: { ...LABELS, consumer: "orders" },
    });
  });

  it("makes exactly these grants, each on one resource", () => {
    assert.deepEqual(grants(p), [
      `cloudrunv2/serviceIamMember eventstack-audit-invoker: roles/run.invoker serviceAccount:${email(audit.pushAccountId)}`,
      `cloudrunv2/serviceIamMember eventstack-orders-invoker: roles/run.invoker serviceAccount:${email(orders.pushAccountId)}`,
      // Firestore has no per-database IAM: the project grant carries a condition on the database.
      `projects/iAMMember eventstack-state-audit-datastore-user: roles/datastore.user serviceAccount:${email(audit.runtimeAccountId)}`,
      `projects/iAMMember eventstack-state-orders-datastore-user: roles/datastore.user serviceAccount:${email(orders.runtimeAccountId)}`,
      `pubsub/subscriptionIAMMember eventstack-audit-agent-subscriber: roles/pubsub.subscriber ${AGENT}`,
      // The dead-letter operator reads each dead-letter subscription and redrives to the topic.
      `pubsub/subscriptionIAMMember eventstack-operator-audit-dlq-subscriber: roles/pubsub.subscriber ${OPERATOR}`,
      `pubsub/subscriptionIAMMember eventstack-operator-orders-dlq-subscriber: roles/pubsub.subscriber ${OPERATOR}`,
      `pubsub/subscriptionIAMMember eventstack-orders-agent-subscriber: roles/pubsub.subscriber ${AGENT}`,
      `pubsub/topicIAMMember eventstack-audit-dead-letter-agent-publisher: roles/pubsub.publisher ${AGENT}`,
      `pubsub/topicIAMMember eventstack-operator-topic-publisher: roles/pubsub.publisher ${OPERATOR}`,
      `pubsub/topicIAMMember eventstack-orders-dead-letter-agent-publisher: roles/pubsub.publisher ${AGENT}`,
      `secretmanager/secretIamMember eventstack-orders-secret-accessor: roles/secretmanager.secretAccessor serviceAccount:${email(orders.runtimeAccountId)}`,
      `serviceaccount/iAMMember eventstack-audit-push-act-as: roles/iam.serviceAccountUser ${DEPLOYER}`,
      `serviceaccount/iAMMember eventstack-audit-push-token-creator: roles/iam.serviceAccountTokenCreator ${AGENT}`,
      `serviceaccount/iAMMember eventstack-audit-runtime-act-as: roles/iam.serviceAccountUser ${DEPLOYER}`,
      `serviceaccount/iAMMember eventstack-orders-push-act-as: roles/iam.serviceAccountUser ${DEPLOYER}`,
      `serviceaccount/iAMMember eventstack-orders-push-token-creator: roles/iam.serviceAccountTokenCreator ${AGENT}`,
      `serviceaccount/iAMMember eventstack-orders-runtime-act-as: roles/iam.serviceAccountUser ${DEPLOYER}`,
    ]);
  });

  it("scopes each grant to the consumer's own service, subscription, topic, account or secret", () => {
    const invoker = inputsOf(p, T.runIam, "eventstack-orders-invoker");
    assert.deepEqual(
      [invoker.name, invoker.location, invoker.project],
      ["eventstack-dev-orders", "europe-west1", PROJECT],
    );
    assert.equal(
      inputsOf(p, T.subscriptionIam, "eventstack-orders-agent-subscriber").subscription,
      orders.subscription,
    );
    assert.equal(
      inputsOf(p, T.topicIam, "eventstack-orders-dead-letter-agent-publisher").topic,
      orders.deadLetterTopic,
    );
    assert.equal(
      inputsOf(p, T.accountIam, "eventstack-orders-push-token-creator").serviceAccountId,
      `projects/${PROJECT}/serviceAccounts/${email(orders.pushAccountId)}`,
    );
    assert.equal(
      inputsOf(p, T.accountIam, "eventstack-orders-push-act-as").serviceAccountId,
      `projects/${PROJECT}/serviceAccounts/${email(orders.pushAccountId)}`,
    );
    assert.equal(
      inputsOf(p, T.accountIam, "eventstack-orders-runtime-act-as").serviceAccountId,
      `projects/${PROJECT}/serviceAccounts/${email(orders.runtimeAccountId)}`,
    );
    assert.equal(
      inputsOf(p, T.secretIam, "eventstack-orders-secret-accessor").secretId,
      `projects/${PROJECT}/secrets/eventstack-dev-orders-api-key`,
    );
  });

  it("creates the configured secret with automatic replication and one version from its value", () => {
    const secret = inputsOf(p, T.secret, "eventstack-secrets-orders-api-key");
    assert.equal(secret.secretId, "eventstack-dev-orders-api-key");
    assert.deepEqual(secret.replication, { auto: {} });
    assert.equal(secret.deletionProtection, false);
    assert.deepEqual(
      ofType(p, T.secretVersion).map((v) => v.inputs),
      [
        {
          secret: idOf(p, T.secret, "eventstack-secrets-orders-api-key"),
          secretData: "[secret]",
          deletionPolicy: "DELETE",
        },
      ],
    );
  });

  it("creates a secret no consumer reads without a version when the stack sets no value", async () => {
    const shipped = await plan("dev");
    assert.equal(ofType(shipped, T.secret).length, 1);
    assert.deepEqual(ofType(shipped, T.secretVersion), []);
    for (const svc of ofType(shipped, T.run))
      assert.ok(
        !JSON.stringify(svc.inputs).includes("secretKeyRef"),
        `${svc.name} reads no secret`,
      );
  });

  it("alerts on 5xx ratio, backlog age and dead letters of each consumer, to the email channel", () => {
    const channel = inputsOf(p, T.channel, "eventstack-monitoring-email");
    assert.equal(channel.type, "email");
    assert.deepEqual(channel.labels, { email_address: "platform-oncall@example.com" });
    const channelId = outputOf(p, T.channel, "eventstack-monitoring-email", "name");
    assert.deepEqual(names(p, T.alert), [
      "eventstack-audit-alerts-backlog",
      "eventstack-audit-alerts-dead-letters",
      "eventstack-audit-alerts-errors",
      "eventstack-orders-alerts-backlog",
      "eventstack-orders-alerts-dead-letters",
      "eventstack-orders-alerts-errors",
    ]);
    for (const alert of ofType(p, T.alert)) {
      assert.deepEqual(alert.inputs.notificationChannels, [channelId], alert.name);
      assert.equal(alert.inputs.enabled, true);
      assert.ok(String(at(alert.inputs, "documentation.content")).length > 100, alert.name);
    }
    const errors = inputsOf(p, T.alert, "eventstack-orders-alerts-errors");
    assert.equal(at(errors, "conditions.0.conditionThreshold.thresholdValue"), 0.05);
    assert.match(
      String(at(errors, "conditions.0.conditionThreshold.denominatorFilter")),
      /service_name = "eventstack-dev-orders"$/,
    );
    const backlog = inputsOf(p, T.alert, "eventstack-orders-alerts-backlog");
    assert.equal(at(backlog, "conditions.0.conditionThreshold.thresholdValue"), 60);
    assert.match(
      String(at(backlog, "conditions.0.conditionThreshold.filter")),
      /oldest_unacked_message_age.*"eventstack-dev-orders-push-[0-9a-f]{6}"$/,
    );
    const dead = inputsOf(p, T.alert, "eventstack-orders-alerts-dead-letters");
    assert.equal(at(dead, "conditions.0.conditionThreshold.thresholdValue"), 0);
    assert.match(
      String(at(dead, "conditions.0.conditionThreshold.filter")),
      /dead_letter_message_count.*"eventstack-dev-orders-push-[0-9a-f]{6}"$/,
    );
    assert.match(
      String(at(dead, "conditions.1.conditionThreshold.filter")),
      /num_undelivered_messages.*"eventstack-dev-orders-dlq-sub"$/,
    );
  });

  it("builds the dashboard over both consumers", () => {
    const json = JSON.parse(
      String(inputsOf(p, T.dashboard, "eventstack-monitoring-dashboard").dashboardJson),
    ) as unknown;
    assert.equal(at(json, "displayName"), "eventstack dev");
    const filter = String(
      at(
        json,
        "mosaicLayout.tiles.0.widget.xyChart.dataSets.0.timeSeriesQuery.timeSeriesFilter.filter",
      ),
    );
    assert.ok(filter.endsWith('one_of("eventstack-dev-orders", "eventstack-dev-audit")'), filter);
  });

  it("creates no network when private networking is off", () => {
    assert.deepEqual(ofType(p, T.network), []);
    assert.deepEqual(ofType(p, T.subnet), []);
  });

  it("exports the topic, each consumer's URL, subscription and dead letters, the dashboard and a publish command", () => {
    const topicId = `projects/${PROJECT}/topics/eventstack-dev-events`;
    const dashboardId = idOf(p, T.dashboard, "eventstack-monitoring-dashboard").split("/").pop();
    assert.deepEqual(p.outputs, {
      cloud: "gcp",
      environment: "dev",
      topicId,
      consumers: {
        orders: {
          serviceUrl: outputOf(p, T.run, "eventstack-orders-service", "uri"),
          subscription: `projects/${PROJECT}/subscriptions/${orders.subscription}`,
          deadLetterTopic: `projects/${PROJECT}/topics/eventstack-dev-orders-dlq`,
          deadLetterSubscription: `projects/${PROJECT}/subscriptions/eventstack-dev-orders-dlq-sub`,
        },
        audit: {
          serviceUrl: outputOf(p, T.run, "eventstack-audit-service", "uri"),
          subscription: `projects/${PROJECT}/subscriptions/${audit.subscription}`,
          deadLetterTopic: `projects/${PROJECT}/topics/eventstack-dev-audit-dlq`,
          deadLetterSubscription: `projects/${PROJECT}/subscriptions/eventstack-dev-audit-dlq-sub`,
        },
      },
      dashboardUrl: `https://console.cloud.google.com/monitoring/dashboards/builder/${dashboardId}?project=${PROJECT}`,
      deadLetterOperator: OPERATOR.replace("serviceAccount:", ""),
      publishExample: publishCommand(topicId, loadPushSample()),
    });
    assert.match(
      String(p.outputs.publishExample),
      /^gcloud pubsub topics publish projects\/acme-events-dev\/topics\/eventstack-dev-events --attribute='ce-specversion=1\.0,ce-type=com\.example\.order\.[a-z]+\.v1,ce-source=[^,]+,ce-id=[^,]+/,
    );
  });
});
