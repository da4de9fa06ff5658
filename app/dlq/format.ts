/**
 * Text and JSON renderings of what the commands found and did.
 */
import type { Listing } from "./list";
import type { DeadLetter } from "./model";
import type { PurgeResult } from "./purge";
import type { RedriveResult } from "./redrive";

function why(r: DeadLetter): string {
  const f = r.failure;
  const attempts = f.attempts === undefined ? "" : ` after ${f.attempts} attempt(s)`;
  return `${f.code ?? "unknown error"}${f.message === undefined ? "" : `: ${f.message}`}${attempts}`;
}

/** One line per record. */
export function recordLine(r: DeadLetter): string {
  const at = r.deadLetteredAt ?? "time unknown";
  const id = r.eventId ?? "(no event id)";
  const type = r.eventType ?? "(no type)";
  const problem = r.problem === undefined ? "" : `  [cannot redrive: ${r.problem}]`;
  return `${at}  ${id}  ${type}  ${r.shape}  ${why(r)}${problem}`;
}

/** The `list` report. */
export function listText(l: Listing): string {
  const count = l.approximateCount === undefined ? "" : ` (about ${l.approximateCount} waiting)`;
  const lines = [
    `${l.records.length} matching of ${l.scanned} read${count}${l.truncated ? "; more follow, raise --limit" : ""}`,
    ...l.records.map(recordLine),
  ];
  return `${lines.join("\n")}\n`;
}

/** The `show` report: every decoded field. */
export function showText(records: readonly DeadLetter[]): string {
  if (records.length === 0) return "no record with that id\n";
  return records
    .map((r) => {
      const origin = Object.entries(r.origin).map(([k, v]) => `  ${k}: ${v}`);
      return [
        `record ${r.key} (${r.shape})`,
        `  event id: ${r.eventId ?? "-"}`,
        `  type: ${r.eventType ?? "-"}`,
        `  source: ${r.eventSource ?? "-"}`,
        `  event time: ${r.eventTime ?? "-"}`,
        `  dead-lettered: ${r.deadLetteredAt ?? "-"}`,
        `  why: ${why(r)}`,
        ...origin,
        ...(r.problem === undefined ? [] : [`  cannot redrive: ${r.problem}`]),
        `  event: ${JSON.stringify(r.event ?? null, null, 2).replace(/\n/g, "\n  ")}`,
      ].join("\n");
    })
    .join("\n\n")
    .concat("\n");
}

/** The `redrive` report. */
export function redriveText(r: RedriveResult): string {
  const verb = r.dryRun ? "would redrive" : "redriven";
  const lines = [`${verb}: ${r.redriven.length}`, ...r.redriven.map((d) => `  ${recordLine(d)}`)];
  if (r.completedFromJournal.length > 0) {
    lines.push(
      `${r.dryRun ? "would remove" : "removed"} (re-published by an earlier run): ${r.completedFromJournal.length}`,
    );
  }
  for (const [title, items] of [
    ["publish failed, kept", r.failed],
    ["re-published but not removed (the next run removes them)", r.notRemoved],
    ["cannot be decoded, kept", r.undecodable],
  ] as const) {
    if (items.length === 0) continue;
    lines.push(
      `${title}: ${items.length}`,
      ...items.map((i) => `  ${i.eventId ?? i.key}: ${i.reason}`),
    );
  }
  if (r.dryRun) lines.push("dry run: nothing was published or removed; add --yes to act");
  return `${lines.join("\n")}\n`;
}

/** The `purge` report. */
export function purgeText(r: PurgeResult): string {
  const lines = [`purged: ${r.removed.length}, written to ${r.file}`];
  for (const n of r.notRemoved) lines.push(`  not removed ${n.key}: ${n.reason}`);
  return `${lines.join("\n")}\n`;
}
