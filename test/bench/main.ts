/**
 * `npm run bench`: runs every `*.bench.ts` section in this folder (or those named on the command
 * line) and prints one table. Figures are ratios against baselines measured in the same run.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { renderTable, type BenchRow, type BenchSection } from "./harness";

async function main(filter: readonly string[]): Promise<void> {
  const files = readdirSync(__dirname)
    .filter((f) => f.endsWith(".bench.ts"))
    .filter((f) => filter.length === 0 || filter.some((name) => f.startsWith(name)))
    .sort();
  const rows: BenchRow[] = [];
  for (const file of files) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(join(__dirname, file)) as { run: BenchSection };
    process.stderr.write(`bench: ${file}\n`);
    rows.push(...(await mod.run()));
  }
  process.stdout.write(`${renderTable(rows)}\n`);
  const missed = rows.filter((r) => r.met === false);
  if (missed.length > 0)
    process.stdout.write(`\n${missed.length} figure(s) missed their target.\n`);
}

main(process.argv.slice(2)).catch((err: unknown) => {
  process.stderr.write(`bench failed: ${(err as Error).stack ?? String(err)}\n`);
  process.exitCode = 1;
});
