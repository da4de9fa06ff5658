/** Shapes shared by the mock runtime's modules. */

/** Placeholder that stands in for redacted secret values in recorded inputs and outputs. */
export const SECRET_PLACEHOLDER = "[secret]";

/** A resource registration as the mocks see it. */
export interface ResourceRequest {
  readonly type: string;
  readonly name: string;
  readonly inputs: Record<string, unknown>;
}

/** What a mocked provider returns: the physical id and the computed state (merged over inputs). */
export interface MockedResource {
  readonly id: string;
  readonly state: Record<string, unknown>;
}

/** Where a resource was registered: `project:///<path>` (or a `file:` URI outside the project). */
export interface SourcePosition {
  readonly uri: string;
  /** 1-based line. */
  readonly line: number;
  /** 1-based column, when known. */
  readonly column?: number;
}

/** Custom timeouts in seconds, as the engine parses them (`time.ParseDuration`); 0 = none set. */
export interface CustomTimeoutSeconds {
  readonly create: number;
  readonly update: number;
  readonly delete: number;
  readonly read: number;
}

/**
 * A resource's options as the engine keeps them (its resource goal and state; github.com/pulumi/
 * pulumi, pkg/resource/deploy/source_eval.go and sdk/go/common/apitype/core.go `ResourceV3`).
 */
export interface ResourceOptions {
  /** `protect`; inherited from the parent when the program leaves it unset. */
  readonly protect: boolean;
  /** `retainOnDelete`; inherited from the parent when the program leaves it unset. */
  readonly retainOnDelete: boolean;
  /** `deleteBeforeReplace`; absent when the program leaves it unset (the engine's default applies). */
  readonly deleteBeforeReplace?: boolean;
  readonly ignoreChanges: readonly string[];
  /**
   * URNs the resource depends on through `dependsOn` only: the engine receives one dependency list,
   * so a resource also named by an input counts as that input's.
   */
  readonly dependsOn: readonly string[];
  /** Provider reference (`urn::id`) when an explicit provider was used. */
  readonly provider?: string;
  /** Alias URNs, resolved as the engine resolves alias specs. */
  readonly aliases: readonly string[];
  readonly customTimeouts: CustomTimeoutSeconds;
  readonly additionalSecretOutputs: readonly string[];
  readonly replaceOnChanges: readonly string[];
}

/** Options of a resource registered without any. */
export const DEFAULT_RESOURCE_OPTIONS: ResourceOptions = {
  protect: false,
  retainOnDelete: false,
  ignoreChanges: [],
  dependsOn: [],
  aliases: [],
  customTimeouts: { create: 0, update: 0, delete: 0, read: 0 },
  additionalSecretOutputs: [],
  replaceOnChanges: [],
};

/** A file or folder a registration packages (an asset or archive path in its inputs). */
export interface PackagedFile {
  /** The input property holding it, e.g. `code`. */
  readonly property: string;
  readonly kind: "asset" | "archive";
  /** Relative to the project directory (absolute when outside it). */
  readonly path: string;
  /** `sha256:<hex>` of its content (components/build-artifact.ts `contentHash`). */
  readonly sha256: string;
}

/** One resource recorded by the mock runtime, as the engine would see it. */
export interface RecordedResource {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  /** Parent URN; undefined only for the root stack resource. */
  readonly parent: string | undefined;
  /** True for provider-managed resources, false for components. */
  readonly custom: boolean;
  readonly id: string | undefined;
  /** Inputs as the program passed them (secrets unwrapped; see `secretPaths`). */
  readonly inputs: Record<string, unknown>;
  /** Inputs plus provider-computed state; for components, the registered outputs. */
  outputs: Record<string, unknown>;
  /** URNs this resource depends on (explicit `dependsOn` and input references). */
  readonly dependencies: readonly string[];
  /** URNs each input property depends on. */
  readonly propertyDependencies: Readonly<Record<string, readonly string[]>>;
  /** Provider reference (`urn::id`) when an explicit provider was used. */
  readonly provider: string | undefined;
  /** Where the program registered it, when the SDK (or the snapshot) says. */
  readonly sourcePosition?: SourcePosition;
  /** Resource options; absent when not known (then the engine's defaults apply). */
  readonly options?: ResourceOptions;
  /** Files and folders its inputs package, when any. */
  readonly packaged?: readonly PackagedFile[];
}
