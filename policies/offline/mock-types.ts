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
}
