import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { validateAction, validateWorkflow } from "@action-validator/core";
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
  if?: string;
  environment?: string | { name: string };
  permissions?: Record<string, string> | string;
  concurrency?: { group: string; "cancel-in-progress"?: boolean };
  needs?: string | string[];
  strategy?: { matrix: Record<string, unknown> & { include?: Record<string, string>[] } };
  steps: Step[];
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
  return Object.entries(wf.jobs).flatMap(([job, j]) => j.steps.map((step) => ({ job, step })));
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
          const uses = job.steps.map((s) => s.uses ?? "");
          const uploads = uses.some((u) => u.startsWith("github/codeql-action/upload-sarif@"));
          const pulumi = uses.includes("./.github/actions/pulumi-stack");
          const comments = job.steps.some((s) => s.with?.["comment-on-pr"] === "true");
          assert.equal(
            granted.includes("security-events:write"),
            uploads,
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

    it("runs on pull requests, and on main for a code-scanning baseline", () => {
      assert.ok("pull_request" in wf.on);
      assert.deepEqual(wf.on.push, { branches: ["main"] });
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
      const check = wf.jobs["policy-check"]?.steps.find((s) => s.run?.startsWith("npm run check"));
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
      const step = job.steps.find((s) => s.uses === "./.github/actions/pulumi-stack");
      assert.equal(step?.with?.command, "preview");
      assert.equal(step?.with?.["comment-on-pr"], "true");
    });
  });

  describe("deploy.yml (main branch)", () => {
    const wf = workflow("deploy.yml");

    it("runs on pushes to main only", () => {
      assert.deepEqual(wf.on, { push: { branches: ["main"] } });
    });

    it("runs pulumi up for every stack behind its protected environment, prod after dev", () => {
      const jobs = Object.entries(wf.jobs);
      assert.deepEqual(jobs.map(([name]) => name).sort(), listStacks(PROJECT_DIR));
      for (const [stack, job] of jobs) {
        const step = job.steps.find((s) => s.uses === "./.github/actions/pulumi-stack");
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
      assert.equal(wf.jobs.prod?.needs, "dev");
    });
  });

  describe("the pulumi-stack action", () => {
    it("runs the command with the policy pack and the stack's policy config", () => {
      const pulumi = localAction.runs.steps.find((s) => s.uses?.startsWith("pulumi/actions@"));
      assert.equal(pulumi?.with?.policyPacks, "policies");
      assert.equal(pulumi?.with?.policyPackConfigs, "policies/config/${{ inputs.stack }}.json");
      assert.equal(pulumi?.with?.command, "${{ inputs.command }}");
      assert.equal(pulumi?.env?.PULUMI_ACCESS_TOKEN, "${{ inputs.pulumi-access-token }}");
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
  });
});
