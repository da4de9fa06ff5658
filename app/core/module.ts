/**
 * What a team writes to plug its own consumer into the platform: a `ConsumerModule`. The platform
 * gives it everything around the domain logic: decoding Pub/Sub pushes and EventBridge/SQS
 * deliveries into CloudEvents, authentication, the shared state store (idempotency records and
 * read-model documents on DynamoDB or Firestore), at-most-once effects, logs, metrics, status
 * codes and dead-lettering. The module only says:
 *
 * - `parse`: which events it handles, as its own typed event (return `undefined` for types it does
 *   not handle, which are acknowledged as ignored; throw `PoisonEventError` for invalid data);
 * - `digest`: what the delivery says happened, to flag duplicates whose content differs;
 * - `effect`: the change the event makes, as one of
 *   - `document`: a pure update of one read-model document in the shared store; the platform
 *     applies it once per event, atomically with the idempotency record;
 *   - `call`: an action outside the store (an HTTP backend); the platform claims the event first
 *     and the call must itself be idempotent on `eventKey` (a redelivery after a crash repeats it).
 *
 * Entries: `createContainerMain(module)` (app/consumer/run.ts) and `createLambdaHandlers(module)`
 * (app/lambda/run.ts); app/audit/ is a complete example.
 */
import type { CloudEvent } from "./cloudevent";
import type { DocRef, DocUpdate } from "./state/store";

/** Fields added to the event's log line (e.g. the order id). */
export type EffectFields = Readonly<Record<string, string | number | boolean>>;

/** The change one event makes. */
export type Effect =
  | {
      readonly kind: "document";
      readonly doc: DocRef;
      readonly update: DocUpdate;
      readonly fields: EffectFields;
    }
  | { readonly kind: "call"; readonly run: () => Promise<void>; readonly fields: EffectFields };

/** A team's consumer logic. */
export interface ConsumerModule<E> {
  parse(event: CloudEvent): E | undefined;
  digest(event: E): string;
  effect(event: E): Effect;
}
