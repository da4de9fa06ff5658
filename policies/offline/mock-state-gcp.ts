/**
 * What GCP would report back for a created resource: ids, self-links, emails and URLs shaped like
 * the real ones, derived from the resource's (auto-)name so references between resources line up.
 */
import { autoName, digitsFrom, hexFrom, MOCK_GCP_PROJECT_NUMBER, uuidFrom } from "./mock-identity";
import type { MockedResource, ResourceRequest } from "./mock-types";

const str = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);

/** Returns the provider-computed state of a `gcp:*` resource. */
export function mockGcpResource(
  req: ResourceRequest,
  project: string,
  region: string,
): MockedResource {
  const { type, name, inputs } = req;
  const p = str(inputs.project) ?? project;
  const loc = str(inputs.location) ?? str(inputs.region) ?? region;
  const physical = str(inputs.name) ?? autoName(name);
  const labels = inputs.labels as Record<string, string> | undefined;
  const common = { project: p, effectiveLabels: labels, pulumiLabels: labels };
  const selfLink = (path: string) => `https://www.googleapis.com/compute/v1/projects/${p}/${path}`;

  switch (type) {
    case "gcp:pubsub/topic:Topic": {
      const id = `projects/${p}/topics/${physical}`;
      return { id, state: { ...common, name: physical } };
    }
    case "gcp:firestore/database:Database": {
      // projects.databases: `name` is the id as given, plus the server's uid, times and etag.
      const id = `projects/${p}/databases/${physical}`;
      return {
        id,
        state: {
          project: p,
          name: physical,
          uid: uuidFrom(name),
          createTime: "2026-01-01T00:00:00.000000Z",
          earliestVersionTime: "2026-01-01T00:00:00.000000Z",
          versionRetentionPeriod:
            inputs.pointInTimeRecoveryEnablement === "POINT_IN_TIME_RECOVERY_ENABLED"
              ? "604800s"
              : "3600s",
          etag: hexFrom(`${name}:etag`, 16),
          keyPrefix: "",
        },
      };
    }
    case "gcp:firestore/field:Field": {
      const database = str(inputs.database) ?? "(default)";
      const id = `projects/${p}/databases/${database}/collectionGroups/${str(inputs.collection) ?? "c"}/fields/${str(inputs.field) ?? "f"}`;
      return { id, state: { project: p, name: id } };
    }
    case "gcp:pubsub/subscription:Subscription": {
      const id = `projects/${p}/subscriptions/${physical}`;
      return { id, state: { ...common, name: physical } };
    }
    case "gcp:serviceaccount/account:Account": {
      const accountId = str(inputs.accountId) ?? autoName(name, 30);
      const email = `${accountId}@${p}.iam.gserviceaccount.com`;
      return {
        id: `projects/${p}/serviceAccounts/${email}`,
        state: {
          project: p,
          accountId,
          email,
          member: `serviceAccount:${email}`,
          name: `projects/${p}/serviceAccounts/${email}`,
          uniqueId: digitsFrom(name, 21),
        },
      };
    }
    case "gcp:cloudrunv2/service:Service": {
      const id = `projects/${p}/locations/${loc}/services/${physical}`;
      const uri = `https://${physical}-${hexFrom(name, 10)}-${regionCode(loc)}.a.run.app`;
      return {
        id,
        state: { ...common, name: physical, location: loc, uri, urls: [uri], uid: uuidFrom(name) },
      };
    }
    case "gcp:secretmanager/secret:Secret": {
      const secretId = str(inputs.secretId) ?? autoName(name);
      return {
        id: `projects/${p}/secrets/${secretId}`,
        state: {
          ...common,
          secretId,
          name: `projects/${MOCK_GCP_PROJECT_NUMBER}/secrets/${secretId}`,
        },
      };
    }
    case "gcp:secretmanager/secretVersion:SecretVersion": {
      const secret = str(inputs.secret) ?? `projects/${p}/secrets/secret`;
      const versionName = `${secret.replace(`projects/${p}/`, `projects/${MOCK_GCP_PROJECT_NUMBER}/`)}/versions/1`;
      return { id: versionName, state: { name: versionName, version: "1" } };
    }
    case "gcp:kms/keyRing:KeyRing": {
      const id = `projects/${p}/locations/${loc}/keyRings/${physical}`;
      return { id, state: { project: p, name: physical, location: loc } };
    }
    case "gcp:kms/cryptoKey:CryptoKey": {
      const ring = str(inputs.keyRing) ?? `projects/${p}/locations/${region}/keyRings/ring`;
      return { id: `${ring}/cryptoKeys/${physical}`, state: { ...common, name: physical } };
    }
    case "gcp:monitoring/notificationChannel:NotificationChannel": {
      const id = `projects/${p}/notificationChannels/${digitsFrom(name, 19)}`;
      return { id, state: { ...common, name: id, verificationStatus: "VERIFIED" } };
    }
    case "gcp:monitoring/alertPolicy:AlertPolicy": {
      const id = `projects/${p}/alertPolicies/${digitsFrom(name, 19)}`;
      return { id, state: { ...common, name: id } };
    }
    case "gcp:monitoring/dashboard:Dashboard":
      return {
        id: `projects/${MOCK_GCP_PROJECT_NUMBER}/dashboards/${uuidFrom(name)}`,
        state: { project: p },
      };
    case "gcp:artifactregistry/repository:Repository": {
      const repositoryId = str(inputs.repositoryId) ?? autoName(name);
      const id = `projects/${p}/locations/${loc}/repositories/${repositoryId}`;
      return { id, state: { ...common, repositoryId, location: loc, name: repositoryId } };
    }
    case "gcp:projects/serviceIdentity:ServiceIdentity": {
      const service = str(inputs.service) ?? "service.googleapis.com";
      const email = `service-${MOCK_GCP_PROJECT_NUMBER}@gcp-sa-${service.split(".")[0] ?? service}.iam.gserviceaccount.com`;
      return {
        id: `projects/${p}/services/${service}`,
        state: { project: p, email, member: `serviceAccount:${email}` },
      };
    }
    case "gcp:projects/service:Service":
      return { id: `${p}/${str(inputs.service) ?? physical}`, state: { project: p } };
    case "gcp:compute/network:Network":
      return {
        id: `projects/${p}/global/networks/${physical}`,
        state: {
          project: p,
          name: physical,
          selfLink: selfLink(`global/networks/${physical}`),
          networkId: digitsFrom(name, 19),
        },
      };
    case "gcp:compute/subnetwork:Subnetwork": {
      const path = `regions/${loc}/subnetworks/${physical}`;
      return {
        id: `projects/${p}/${path}`,
        state: {
          project: p,
          name: physical,
          region: loc,
          selfLink: selfLink(path),
          gatewayAddress: "10.8.0.1",
        },
      };
    }
    case "gcp:vpcaccess/connector:Connector": {
      const id = `projects/${p}/locations/${loc}/connectors/${physical}`;
      return { id, state: { project: p, name: physical, region: loc, selfLink: id } };
    }
    default: {
      if (/^gcp:[a-z0-9]+\/[a-zA-Z]+IamMember:/.test(type)) {
        const role = str(inputs.role) ?? "role";
        const member = str(inputs.member) ?? "member";
        return {
          id: `${hexFrom(name, 12)}/${role}/${member}`,
          state: { etag: `BwY${hexFrom(name, 9)}=` },
        };
      }
      return { id: physical, state: { ...common, name: physical } };
    }
  }
}

/** Cloud Run URLs carry a short region code (e.g. `ew` for europe-west1); close enough for a plan. */
function regionCode(region: string): string {
  const [area = "x", dir = "x"] = region.split("-");
  return `${area[0] ?? "x"}${dir[0] ?? "x"}`;
}
