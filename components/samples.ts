/**
 * The app's sample deliveries, which both clouds' publish examples are built from, and the shell
 * quoting those commands share.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** The app's samples, next to the code that reads them. */
export const SAMPLES_DIR = join(__dirname, "..", "app", "samples");

export const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** One POSIX shell word, single-quoted. */
export const shellQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** Parses the first (by name) `*<marker>*.json` in `dir`; throws naming `what` when there is none. */
export function readSample(
  dir: string,
  marker: string,
  what: string,
): { readonly path: string; readonly json: unknown } {
  const files = readdirSync(dir).filter((f) => f.includes(marker) && f.endsWith(".json"));
  const file = files.sort()[0];
  if (file === undefined) throw new Error(`${dir} holds no *${marker}*.json ${what}`);
  const path = join(dir, file);
  return { path, json: JSON.parse(readFileSync(path, "utf8")) as unknown };
}
