import assert from "node:assert/strict";
import { resolve } from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { installMockRuntime, runProgram } from "../../../policies/offline/mock-runtime";
import { loadStackConfig } from "../../../policies/offline/stack-file";
import { PROJECT_DIR } from "../../support/plan";
import { T } from "./plan-helpers";

interface ProvidersMap {
  forEach(cb: (ref: string, pkg: string) => void): void;
}
interface RegisterRequest {
  getType(): string;
  getName(): string;
  getRemote(): boolean;
  getProvidersMap(): ProvidersMap;
}
interface Monitor {
  registerResource(req: RegisterRequest, cb: unknown): Promise<void>;
}

describe("aws network", () => {
  it("hands the platform's tagged provider to awsx's VPC, a remote component that inherits no provider", async () => {
    const stack = loadStackConfig(PROJECT_DIR, "prod");
    const runtime = await installMockRuntime({
      project: stack.project,
      stack: stack.stack,
      config: stack.config,
      secretKeys: stack.secretKeys,
    });
    const seen: { remote: boolean; providers: Record<string, string> }[] = [];
    const monitor = pulumi.runtime.getMonitor() as unknown as Monitor;
    const register = monitor.registerResource.bind(monitor);
    monitor.registerResource = (req, cb) => {
      if (req.getType() === T.vpc) {
        const providers: Record<string, string> = {};
        req.getProvidersMap().forEach((ref, pkg) => (providers[pkg] = ref));
        seen.push({ remote: req.getRemote(), providers });
      }
      return register(req, cb);
    };
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    await runProgram(() => require(resolve(PROJECT_DIR, "index.ts")) as Record<string, unknown>);

    const provider = runtime.ofType(T.provider)[0];
    assert.ok(provider, "no aws provider was planned");
    assert.deepEqual(seen, [
      { remote: true, providers: { aws: `${provider.urn}::${provider.id}` } },
    ]);
  });
});
