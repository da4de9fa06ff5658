/**
 * The EventBridge bus as an {@link EventSink}: PutEvents with the original source, detail-type and
 * detail (which carries the CloudEvents id, so consumers dedupe), one outcome per entry from the
 * response's Entries, which line up with the request's
 * (https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutEvents.html).
 */
import { PutEventsCommand, type EventBridgeClient } from "@aws-sdk/client-eventbridge";
import type { AwsEvent, Received } from "./model";
import type { EventSink, PublishOutcome } from "./ports";

/** PutEvents takes at most 10 entries. */
const PUT_EVENTS_BATCH = 10;

/** Puts events on `busName`. */
export function eventBridgeSink(client: EventBridgeClient, busName: string): EventSink {
  return {
    batchSize: PUT_EVENTS_BATCH,
    async publish(records) {
      const outcomes = new Map<string, PublishOutcome>();
      const sendable: { r: Received; e: AwsEvent }[] = [];
      for (const r of records) {
        const e = r.record.event;
        if (e?.cloud === "aws") sendable.push({ r, e });
        else outcomes.set(r.record.key, { ok: false, reason: "the record holds no AWS event" });
      }
      for (let i = 0; i < sendable.length; i += PUT_EVENTS_BATCH) {
        const pairs = sendable.slice(i, i + PUT_EVENTS_BATCH);
        const part = pairs.map(({ r }) => r);
        const entries = pairs.map(({ e }) => {
          return {
            EventBusName: busName,
            Source: e.source,
            DetailType: e.detailType,
            Detail: JSON.stringify(e.detail),
            ...(e.time === undefined ? {} : { Time: new Date(e.time) }),
          };
        });
        let out;
        try {
          out = await client.send(new PutEventsCommand({ Entries: entries }));
        } catch (err) {
          for (const r of part)
            outcomes.set(r.record.key, { ok: false, reason: (err as Error).message });
          continue;
        }
        part.forEach((r, j) => {
          const entry = out.Entries?.[j];
          if (entry?.EventId !== undefined && entry.ErrorCode === undefined) {
            outcomes.set(r.record.key, { ok: true });
          } else {
            const reason =
              entry === undefined
                ? "no entry in the PutEvents response"
                : `${entry.ErrorCode ?? "Failed"}: ${entry.ErrorMessage ?? ""}`.trim();
            outcomes.set(r.record.key, { ok: false, reason });
          }
        });
      }
      return outcomes;
    },
  };
}
