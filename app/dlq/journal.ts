/**
 * The redrive journal: an append-only file of the dead-letter keys whose events were re-published,
 * written (and synced) after a publish succeeds and before the record is removed. A run that
 * crashes in between leaves the record in the queue and its key in the journal; the next run
 * removes it without publishing it again.
 */
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, writeSync } from "node:fs";

/** Keys already re-published, and a way to add more. */
export interface Journal {
  has(key: string): boolean;
  /** Appends and syncs before returning. */
  add(keys: readonly string[]): void;
  close(): void;
}

/** Opens (creating) a journal file. */
export function openJournal(file: string): Journal {
  const keys = new Set<string>();
  if (existsSync(file)) {
    for (const line of readFileSync(file, "utf8").split("\n")) {
      if (line.trim() !== "") keys.add(line.trim());
    }
  }
  const fd = openSync(file, "a");
  return {
    has: (key) => keys.has(key),
    add(added) {
      if (added.length === 0) return;
      writeSync(fd, added.map((k) => `${k}\n`).join(""));
      fsyncSync(fd);
      for (const k of added) keys.add(k);
    },
    close: () => closeSync(fd),
  };
}

/** A journal that keeps nothing across runs (dry runs). */
export function memoryJournal(): Journal {
  const keys = new Set<string>();
  return {
    has: (key) => keys.has(key),
    add: (added) => added.forEach((k) => keys.add(k)),
    close: () => undefined,
  };
}
