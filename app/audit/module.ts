/**
 * The audit-log consumer: a second, small consumer written the way a team writes its own (see
 * app/core/module.ts). It records every event it receives, whatever its type, as one entry in the
 * `audit` collection of the shared state store, once per event identity.
 */
import type { CloudEvent } from "../core/cloudevent";
import { contentDigest, eventKey } from "../core/idempotency";
import type { ConsumerModule } from "../core/module";

/** The collection of the audit entries. */
export const AUDIT_COLLECTION = "audit";

/** One audit entry: who said what happened, and when. */
export interface AuditEntry {
  readonly eventId: string;
  readonly source: string;
  readonly type: string;
  readonly subject: string | null;
  readonly time: string | null;
  readonly dataDigest: string;
}

/** The audit consumer's module. */
export const auditModule: ConsumerModule<AuditEntry> = {
  parse: (event: CloudEvent) => ({
    eventId: event.id,
    source: event.source,
    type: event.type,
    subject: event.subject ?? null,
    time: event.time ?? null,
    dataDigest: contentDigest(JSON.stringify(event.data ?? null)),
  }),
  digest: (entry) => contentDigest(JSON.stringify(entry)),
  effect: (entry) => ({
    kind: "document",
    doc: {
      collection: AUDIT_COLLECTION,
      id: eventKey({ source: entry.source, id: entry.eventId }),
    },
    // Written once; an entry that exists already is left as it is.
    update: (current) => (current === undefined ? { ...entry } : undefined),
    fields: { audit_type: entry.type },
  }),
};
