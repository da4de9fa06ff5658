import assert from "node:assert/strict";
import { requiredApis, requiredServiceAgents, type ApiNeeds } from "../../../components/gcp/apis";

const none: ApiNeeds = {
  customerManagedKeys: false,
  privateNetworking: false,
  hasSecrets: false,
  buildsImage: false,
  stateStore: false,
};

describe("gcp apis", () => {
  const core = [
    "iam.googleapis.com",
    "monitoring.googleapis.com",
    "pubsub.googleapis.com",
    "run.googleapis.com",
  ];
  const cases: [string, Partial<ApiNeeds>, string[]][] = [
    ["a prebuilt image and nothing else", {}, core],
    ["secrets", { hasSecrets: true }, [...core, "secretmanager.googleapis.com"]],
    ["an image build", { buildsImage: true }, [...core, "artifactregistry.googleapis.com"]],
    ["customer-managed keys", { customerManagedKeys: true }, [...core, "cloudkms.googleapis.com"]],
    ["private networking", { privateNetworking: true }, [...core, "compute.googleapis.com"]],
    ["the shared store", { stateStore: true }, [...core, "firestore.googleapis.com"]],
  ];
  for (const [what, needs, apis] of cases) {
    it(`enables exactly what ${what} needs`, () => {
      assert.deepEqual(requiredApis({ ...none, ...needs }), apis);
    });
  }

  const agents: [string, Partial<ApiNeeds>, string[]][] = [
    ["Google-managed keys", { hasSecrets: true, buildsImage: true }, ["pubsub"]],
    ["keys, no secrets, prebuilt image", { customerManagedKeys: true }, ["pubsub"]],
    [
      "keys, secrets and an image build",
      { customerManagedKeys: true, hasSecrets: true, buildsImage: true },
      ["pubsub", "secretmanager", "artifactregistry"],
    ],
    [
      "keys and the shared store (Firestore encrypts as its agent)",
      { customerManagedKeys: true, stateStore: true },
      ["pubsub", "firestore"],
    ],
    ["Google-managed keys and the shared store", { stateStore: true }, ["pubsub"]],
  ];
  for (const [what, needs, expected] of agents) {
    it(`provisions the service agents that get grants with ${what}`, () => {
      assert.deepEqual(requiredServiceAgents({ ...none, ...needs }), expected);
    });
  }
});
