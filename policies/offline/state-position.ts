/**
 * Where in the program a resource was registered, in the engine's notation: the language SDK sends
 * `file:///abs/path` plus line and column; the engine stores `project:///<path relative to the
 * project root>#<line>[,<column>]` in the snapshot (`ResourceV3.sourcePosition`).
 */
import { isAbsolute, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import type { SourcePosition } from "./mock-types";

export type { SourcePosition } from "./mock-types";

const PROJECT_SCHEME = "project:";

/**
 * Converts what an SDK sends (a `file:` URI, line, column) into the engine's project-relative form.
 * Files outside the project root keep their `file:` URI. Returns undefined for positions the engine
 * would drop (no line, not a `file:` URI).
 */
export function fromSdkPosition(
  uri: string,
  line: number,
  column: number,
  projectRoot: string,
): SourcePosition | undefined {
  if (!uri.startsWith("file:") || line <= 0) return undefined;
  const file = fileURLToPath(uri);
  const rel = relative(projectRoot, file);
  const inside = rel !== "" && !rel.startsWith("..") && !isAbsolute(rel);
  return {
    uri: inside ? `project:///${rel.split(sep).join("/")}` : uri,
    line,
    ...(column > 0 ? { column } : {}),
  };
}

/** Parses a snapshot's `sourcePosition` (`project:///index.ts#12,5`); undefined if malformed. */
export function parseSourcePosition(text: string): SourcePosition | undefined {
  const hash = text.lastIndexOf("#");
  if (hash < 0) return undefined;
  const uri = text.slice(0, hash);
  const match = /^(\d+)(?:,(\d+))?$/.exec(text.slice(hash + 1));
  if (!match || !/^[a-z][a-z0-9+.-]*:/.test(uri)) return undefined;
  const line = Number(match[1]);
  const column = match[2] === undefined ? 0 : Number(match[2]);
  if (line <= 0) return undefined;
  return { uri, line, ...(column > 0 ? { column } : {}) };
}

/** The engine's text form of a position (the inverse of {@link parseSourcePosition}). */
export function formatSourcePosition(pos: SourcePosition): string {
  return `${pos.uri}#${pos.line}${pos.column !== undefined ? `,${pos.column}` : ""}`;
}

/**
 * The path of a position's file relative to the project root (`components/gcp/topic.ts`), or
 * undefined when the file lies outside the project.
 */
export function projectRelativePath(pos: SourcePosition): string | undefined {
  if (!pos.uri.startsWith(PROJECT_SCHEME)) return undefined;
  const path = decodeURI(pos.uri.slice(PROJECT_SCHEME.length).replace(/^\/+/, ""));
  if (path === "" || path.split("/").includes("..")) return undefined;
  return path;
}

/**
 * The program file a position points into, when it is one of the project's own files (not a
 * dependency under `node_modules`): the place a reviewer can open.
 */
export function programFile(pos: SourcePosition): string | undefined {
  const path = projectRelativePath(pos);
  return path === undefined || path.split("/").includes("node_modules") ? undefined : path;
}

/** `components/gcp/topic.ts:42:7`, for positions in the project's own files. */
export function describePosition(pos: SourcePosition): string | undefined {
  const file = programFile(pos);
  if (file === undefined) return undefined;
  return `${file}:${pos.line}${pos.column !== undefined ? `:${pos.column}` : ""}`;
}
