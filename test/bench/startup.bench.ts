/**
 * What a user waits for: `check` as a fresh process, beside the floor of merely loading the SDKs
 * it needs (`node -e "require('@pulumi/pulumi'); require('@pulumi/<cloud>')"`), and where the CPU
 * of a 20-consumer check goes (Pulumi's SDK and mock runtime, the program, the policies).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { stringify } from "yaml";
import { evaluatePolicies } from "../../policies/offline/evaluate";
import { freshPlan, json, manyConsumers, PROJECT_DIR } from "../support/plan";
import { NODE, TS_LOADER } from "../support/loader";
import type { BenchRow } from "./harness";

const RUNS = 3;
const CLI = join(PROJECT_DIR, "policies/offline/cli.ts");

/** Median wall time of a fresh process, in ms; fails loudly if it fails. */
function processMs(args: readonly string[], cwd: string): number {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    const r = spawnSync(NODE, args, {
      cwd,
      encoding: "utf8",
    });
    times.push(performance.now() - t0);
    if (r.status !== 0 && r.status !== 1)
      throw new Error(`${args.join(" ")} exited ${r.status}: ${r.stderr}`);
  }
  return times.sort((a, b) => a - b)[Math.floor(RUNS / 2)] ?? Number.NaN;
}

const floor = (cloud: "gcp" | "aws") =>
  processMs(["-e", `require("@pulumi/pulumi"); require("@pulumi/${cloud}")`], PROJECT_DIR);

/** A project with this repository's program and build, and a 20-consumer AWS prod stack `load`. */
function twentyConsumerProject(): string {
  const dir = mkdtempSync(join(tmpdir(), "eventstack-bench-"));
  symlinkSync(join(PROJECT_DIR, "dist"), join(dir, "dist"));
  symlinkSync(join(PROJECT_DIR, "Pulumi.yaml"), join(dir, "Pulumi.yaml"));
  writeFileSync(
    join(dir, "index.ts"),
    `export = require(${JSON.stringify(join(PROJECT_DIR, "index.ts"))});\n`,
  );
  const config = {
    "eventstack:cloud": "aws",
    "eventstack:environment": "prod",
    "eventstack:alertEmail": "platform-oncall@example.com",
    "aws:region": "eu-west-1",
    "eventstack:consumers": manyConsumers(20),
  };
  writeFileSync(join(dir, "Pulumi.load.yaml"), stringify({ config }));
  return dir;
}

const PARTS = [
  "Pulumi SDK and mock runtime",
  "the program",
  "the policies",
  "TypeScript loading (ts-loader, esbuild)",
  "other packages",
  "Node built-ins and module loader",
  "V8 without script (GC, compile, idle)",
] as const;
type Part = (typeof PARTS)[number];

/** Which part a profiled function belongs to, by its script. */
function partOf(url: string): Part {
  if (url === "") return "V8 without script (GC, compile, idle)";
  if (url.startsWith("node:")) return "Node built-ins and module loader";
  if (/node_modules\/@pulumi\//.test(url)) return "Pulumi SDK and mock runtime";
  if (/node_modules\/esbuild\/|\/policies\/offline\/ts-loader\.js$/.test(url))
    return "TypeScript loading (ts-loader, esbuild)";
  if (url.includes("node_modules")) return "other packages";
  if (/\/policies\/offline\/mock-/.test(url)) return "Pulumi SDK and mock runtime";
  if (/\/policies\//.test(url)) return "the policies";
  return "the program";
}

interface ProfileNode {
  readonly callFrame: { readonly url: string };
  readonly hitCount?: number;
}

/** CPU shares of one in-process 20-consumer check (plan + policies), after a warm-up. */
async function profileShares(): Promise<Record<Part, number>> {
  const run = async () => {
    const p = await freshPlan("prod", {
      "eventstack:cloud": "aws",
      "eventstack:consumers": json(manyConsumers(20)),
    });
    await evaluatePolicies(p.resources, { stack: p.stack, project: p.project });
  };
  await run();
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.start");
  await run();
  const { profile } = (await session.post("Profiler.stop")) as {
    profile: { nodes: ProfileNode[] };
  };
  session.disconnect();
  const hits = Object.fromEntries(PARTS.map((p) => [p, 0])) as Record<Part, number>;
  for (const n of profile.nodes) hits[partOf(n.callFrame.url)] += n.hitCount ?? 0;
  const total = Object.values(hits).reduce((a, b) => a + b, 0) || 1;
  return Object.fromEntries(Object.entries(hits).map(([k, v]) => [k, (100 * v) / total])) as Record<
    Part,
    number
  >;
}

export async function run(): Promise<BenchRow[]> {
  const gcpFloor = floor("gcp");
  const dev = processMs([...TS_LOADER, CLI, "--stack", "dev"], PROJECT_DIR);
  const awsFloor = floor("aws");
  const load = processMs([...TS_LOADER, CLI, "--stack", "load"], twentyConsumerProject());
  const shares = await profileShares();
  const floorName = (cloud: string) => `node -e require @pulumi/pulumi + @pulumi/${cloud}`;
  return [
    {
      section: "startup",
      name: "check --stack dev, fresh process",
      value: dev,
      unit: "ms",
      baseline: { name: floorName("gcp"), value: gcpFloor },
      target: "≤ 2× baseline",
      met: dev <= 2 * gcpFloor,
    },
    {
      section: "startup",
      name: "check of a 20-consumer AWS prod stack, fresh process",
      value: load,
      unit: "ms",
      baseline: { name: floorName("aws"), value: awsFloor },
      target: "≤ 3× baseline",
      met: load <= 3 * awsFloor,
    },
    ...Object.entries(shares).map(([part, pct]) => ({
      section: "startup",
      name: `20-consumer check CPU: ${part}`,
      value: pct,
      unit: "%",
    })),
  ];
}
