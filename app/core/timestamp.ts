/**
 * RFC 3339 timestamps as every schema here checks them (CloudEvents `time`, Pub/Sub's publish
 * time, the order events' instants): zod's ISO datetime with an offset, and zod's own pattern for
 * it, so the fast paths (./fast-path.ts) test timestamps exactly as the schemas do.
 */
import * as z from "zod";

export const timestamp = z.iso.datetime({ offset: true, error: "must be an RFC 3339 timestamp" });

/** The pattern `timestamp` matches with. */
export const TIMESTAMP: RegExp = timestamp._zod.pattern;
