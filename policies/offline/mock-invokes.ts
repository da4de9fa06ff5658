/**
 * The provider functions (invokes) the program may call, answered like the clouds would.
 * Anything else fails loudly: an unmocked invoke in a plan is a bug, not a blank.
 */
import type { MockCallArgs, MockCallResult } from "@pulumi/pulumi/runtime";
import { MOCK_AWS_ACCOUNT, MOCK_GCP_DEPLOYER, MOCK_GCP_PROJECT_NUMBER } from "./mock-identity";

export interface InvokeContext {
  readonly gcpProject: string;
  readonly awsRegion: string;
}

export class UnmockedInvokeError extends Error {
  /** The SDK reports a failed invoke by its gRPC `details`, so the message goes there too. */
  readonly details: string;
  constructor(token: string) {
    super(`invoke ${token} is not mocked; answer it in policies/offline/mock-invokes.ts`);
    this.name = "UnmockedInvokeError";
    this.details = this.message;
  }
}

/** Answers an invoke, or throws {@link UnmockedInvokeError}. */
export function mockInvoke(args: MockCallArgs, ctx: InvokeContext): MockCallResult {
  const inputs = (args.inputs ?? {}) as Record<string, unknown>;
  switch (args.token) {
    case "gcp:organizations/getProject:getProject": {
      const projectId = typeof inputs.projectId === "string" ? inputs.projectId : ctx.gcpProject;
      return {
        id: `projects/${projectId}`,
        projectId,
        number: MOCK_GCP_PROJECT_NUMBER,
        name: projectId,
      };
    }
    case "gcp:organizations/getClientConfig:getClientConfig":
      return {
        id: `projects/${ctx.gcpProject}`,
        accessToken: "ya29.offline-mock-access-token",
        project: ctx.gcpProject,
        region: "",
        zone: "",
        defaultLabels: {},
      };
    // The data source sets its id to the email (terraform-provider-google,
    // google/services/resourcemanager/data_source_google_client_openid_userinfo.go); a deploy
    // running as a service account (CI impersonates one) reports that account's email.
    case "gcp:organizations/getClientOpenIdUserInfo:getClientOpenIdUserInfo": {
      const email = `${MOCK_GCP_DEPLOYER}@${ctx.gcpProject}.iam.gserviceaccount.com`;
      return { id: email, email };
    }
    case "aws:index/getCallerIdentity:getCallerIdentity":
      return {
        id: MOCK_AWS_ACCOUNT,
        accountId: MOCK_AWS_ACCOUNT,
        arn: `arn:aws:iam::${MOCK_AWS_ACCOUNT}:user/deployer`,
        userId: "AIDAEXAMPLEDEPLOYER",
      };
    case "aws:index/getRegion:getRegion":
      return {
        id: ctx.awsRegion,
        name: ctx.awsRegion,
        region: ctx.awsRegion,
        endpoint: `ec2.${ctx.awsRegion}.amazonaws.com`,
      };
    case "aws:index/getPartition:getPartition":
      return {
        id: "aws",
        partition: "aws",
        dnsSuffix: "amazonaws.com",
        reverseDnsPrefix: "com.amazonaws",
      };
    default:
      throw new UnmockedInvokeError(args.token);
  }
}
