/**
 * Resource options from a `RegisterResourceRequest`, as the engine turns them into the resource's
 * goal (github.com/pulumi/pulumi, pkg/resource/deploy/source_eval.go `RegisterResource`):
 * `protect` and `retainOnDelete` inherited from the parent when unset (`inheritFromParent`),
 * custom timeouts parsed as Go durations (`generateTimeoutInSeconds`), alias specs collapsed to URNs
 * (pkg/resource/deploy/step_generator.go `collapseAliasToUrn`). What the SDK sends is in
 * @pulumi/pulumi runtime/resource.js (`prepareResource`, `mapAliasesForRequest`).
 */
import type { CustomTimeoutSeconds, ResourceOptions } from "./mock-types";

/** The request's alias spec (`pulumirpc.Alias.Spec`). */
interface AliasSpec {
  getName(): string;
  getType(): string;
  getStack(): string;
  getProject(): string;
  getParenturn(): string;
  getNoparent(): boolean;
}
interface Alias {
  getUrn(): string;
  getSpec(): AliasSpec | undefined;
}
interface CustomTimeouts {
  getCreate(): string;
  getUpdate(): string;
  getDelete(): string;
  getRead(): string;
}

/** The options part of `pulumirpc.RegisterResourceRequest`. */
export interface OptionsRequest {
  getType(): string;
  getName(): string;
  getParent(): string;
  getProvider(): string;
  getDependenciesList(): string[];
  hasProtect(): boolean;
  getProtect(): boolean;
  hasRetainondelete(): boolean;
  getRetainondelete(): boolean;
  getDeletebeforereplace(): boolean;
  getDeletebeforereplacedefined(): boolean;
  getIgnorechangesList(): string[];
  getAdditionalsecretoutputsList(): string[];
  getReplaceonchangesList(): string[];
  getAliasesList(): Alias[];
  getAliasurnsList(): string[];
  getCustomtimeouts(): CustomTimeouts | undefined;
}

/** Where a registration happens: its stack, project and the URN builder the runtime uses. */
export interface OptionsContext {
  readonly stack: string;
  readonly project: string;
  readonly urnOf: (parent: string, type: string, name: string) => string;
  /** The parent's recorded options, when the parent was recorded. */
  readonly parentOptions: ResourceOptions | undefined;
  /** Input property dependencies (URNs), to tell `dependsOn` apart. */
  readonly propertyDependencyUrns: ReadonlySet<string>;
}

const UNIT_SECONDS: Readonly<Record<string, number>> = {
  ns: 1e-9,
  us: 1e-6,
  µs: 1e-6,
  μs: 1e-6,
  ms: 1e-3,
  s: 1,
  m: 60,
  h: 3600,
};

/** Go's `time.ParseDuration` in seconds (`"1h30m"`, `"90s"`, `"1.5h"`); throws on anything else. */
export function durationSeconds(text: string, option: string): number {
  const match = /^([+-]?)((?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))+$/.exec(text);
  if (text === "0") return 0;
  if (match === null) {
    throw new Error(
      `customTimeouts.${option} must be a Go duration such as "5m" or "1h30m", got ${JSON.stringify(text)}`,
    );
  }
  let seconds = 0;
  for (const [, amount, unit] of text.matchAll(/(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/g)) {
    seconds += Number(amount) * (UNIT_SECONDS[unit ?? ""] ?? 0);
  }
  return match[1] === "-" ? -seconds : seconds;
}

function timeouts(t: CustomTimeouts | undefined): CustomTimeoutSeconds {
  const parse = (text: string | undefined, option: string) =>
    text === undefined || text === "" ? 0 : durationSeconds(text, option);
  return {
    create: parse(t?.getCreate(), "create"),
    update: parse(t?.getUpdate(), "update"),
    delete: parse(t?.getDelete(), "delete"),
    read: parse(t?.getRead(), "read"),
  };
}

/** One alias as the engine collapses it to a URN. */
function aliasUrn(alias: Alias, req: OptionsRequest, ctx: OptionsContext): string {
  const urn = alias.getUrn();
  if (urn !== "") return urn;
  const spec = alias.getSpec();
  if (spec === undefined) return "";
  let parent = spec.getParenturn() || req.getParent();
  if (spec.getNoparent() || parent.split("::")[2] === "pulumi:pulumi:Stack") parent = "";
  const name = spec.getName() || req.getName();
  const type = spec.getType() || req.getType();
  const stack = spec.getStack() || ctx.stack;
  const project = spec.getProject() || ctx.project;
  if (stack === ctx.stack && project === ctx.project) return ctx.urnOf(parent, type, name);
  // Another stack or project: the same scheme, with that stack and project.
  const own = ctx.urnOf(parent, type, name);
  return own.replace(
    `urn:pulumi:${ctx.stack}::${ctx.project}::`,
    `urn:pulumi:${stack}::${project}::`,
  );
}

/** The options the engine records for this registration. */
export function optionsFromRequest(req: OptionsRequest, ctx: OptionsContext): ResourceOptions {
  const aliases = [
    ...new Set(
      [...req.getAliasesList().map((a) => aliasUrn(a, req, ctx)), ...req.getAliasurnsList()].filter(
        (u) => u !== "",
      ),
    ),
  ];
  const provider = req.getProvider();
  return {
    protect: req.hasProtect() ? req.getProtect() : (ctx.parentOptions?.protect ?? false),
    retainOnDelete: req.hasRetainondelete()
      ? req.getRetainondelete()
      : (ctx.parentOptions?.retainOnDelete ?? false),
    ...(req.getDeletebeforereplacedefined()
      ? { deleteBeforeReplace: req.getDeletebeforereplace() }
      : {}),
    ignoreChanges: req.getIgnorechangesList(),
    dependsOn: req.getDependenciesList().filter((u) => !ctx.propertyDependencyUrns.has(u)),
    ...(provider !== "" ? { provider } : {}),
    aliases,
    customTimeouts: timeouts(req.getCustomtimeouts()),
    additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
    replaceOnChanges: req.getReplaceonchangesList(),
  };
}
