/**
 * The environment a Dockerfile's last stage sets (its `ENV KEY=value …` instructions, line
 * continuations joined), so a test or bench runs a bundle as the image would: with the image's
 * `NODE_OPTIONS` and `NODE_ENV`. Values are unquoted words or double-quoted strings without
 * escapes or variables (https://docs.docker.com/reference/dockerfile/#env); anything else is
 * refused by name rather than guessed.
 */
import { readFileSync } from "node:fs";

const PAIR = /^([A-Za-z_][A-Za-z0-9_]*)=(?:"([^"\\$]*)"|([^"'\s\\$]*))(?=\s|$)/;

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
    let rest = m[1].trim();
    while (rest !== "") {
      const kv = PAIR.exec(rest);
      if (kv?.[1] === undefined) {
        throw new Error(
          `${path}: ENV ${JSON.stringify(rest.split(/\s+/)[0])} is not a KEY=value or KEY="value" pair without escapes or variables (the only forms read here)`,
        );
      }
      env[kv[1]] = kv[2] ?? kv[3] ?? "";
      rest = rest.slice(kv[0].length).trim();
    }
  }
  return env;
}
