/**
 * The environment a Dockerfile's last stage sets (its `ENV KEY=value …` instructions, line
 * continuations joined), so a test or bench runs a bundle as the image would: with the image's
 * `NODE_OPTIONS` (source maps on) and `NODE_ENV`. Only the unquoted `KEY=value` form is read
 * (https://docs.docker.com/reference/dockerfile/#env); anything else is refused by name rather
 * than guessed.
 */
import { readFileSync } from "node:fs";

/** `ENV` of the final stage of the Dockerfile at `path`, in order; later keys win. */
export function imageEnv(path: string): Record<string, string> {
  const instructions = readFileSync(path, "utf8")
    .replace(/\\\r?\n/g, " ")
    .split(/\r?\n/)
    .map((l) => l.trim());
  const lastFrom = instructions.findLastIndex((l) => /^FROM\s/i.test(l));
  if (lastFrom < 0) throw new Error(`${path}: no FROM instruction`);
  const env: Record<string, string> = {};
  for (const line of instructions.slice(lastFrom + 1)) {
    const m = /^ENV\s+(.*)$/i.exec(line);
    if (m?.[1] === undefined) continue;
    for (const pair of m[1].trim().split(/\s+/)) {
      const kv = /^([A-Za-z_][A-Za-z0-9_]*)=([^"'\s$]*)$/.exec(pair);
      if (kv?.[1] === undefined || kv[2] === undefined) {
        throw new Error(
          `${path}: ENV ${JSON.stringify(pair)} is not an unquoted KEY=value pair (the only form read here)`,
        );
      }
      env[kv[1]] = kv[2];
    }
  }
  return env;
}
