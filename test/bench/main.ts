/**
 * `npm run bench [section …]`: runs every `*.bench.ts` section in this folder (or exactly those
 * named) and prints one table. Figures are ratios against baselines measured in the same run.
 * Exits 1 when a figure misses its target, 2 for an unknown section name. Warnings the plans print
 * (the same one for every plan) are counted and printed once each, at the end.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { format } from "node:util";
import { renderTable, type BenchRow, type BenchSection } from "./harness";
import { exitCodeFor, selectSections, UnknownSectionError, WarningTally } from "./verdict";

async function main(args: readonly string[]): Promise<number> {
  let files: string[];
  try {
    files = selectSections(readdirSync(__dirname), args);
  } catch (err) {
    if (err instanceof UnknownSectionError) {
      process.stderr.write(`bench: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
  const warnings = new WarningTally();
  const warn = console.warn;
  console.warn = (...parts: unknown[]) => warnings.add(format(...parts));
  const rows: BenchRow[] = [];
  try {
    for (const file of files) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const mod = require(join(__dirname, file)) as { run: BenchSection };
      process.stderr.write(`bench: ${file}\n`);
      rows.push(...(await mod.run()));
    }
  } finally {
    console.warn = warn;
  }
  for (const line of warnings.lines()) process.stderr.write(`${line}\n`);
  process.stdout.write(`${renderTable(rows)}\n`);
  const missed = rows.filter((r) => r.met === false);
  if (missed.length > 0)
    process.stdout.write(`\n${missed.length} figure(s) missed their target.\n`);
  return exitCodeFor(rows);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`bench failed: ${(err as Error).stack ?? String(err)}\n`);
    process.exitCode = 1;
  },
);
