/**
 * What the commands need from a cloud: a dead-letter source they receive from, hold, remove and
 * release records of, and a sink that re-publishes events with a result per entry.
 */
import type { Received } from "./model";

/** A dead-letter queue or subscription. */
export interface DeadLetterSource {
  /** Approximate number of waiting records, when the cloud reports one. */
  count(): Promise<number | undefined>;
  /**
   * Up to `max` records, hidden from other receivers until released or removed. An empty result
   * means nothing more is waiting.
   */
  receive(max: number): Promise<Received[]>;
  /** Deletes/acknowledges records; returns the keys that failed with why. */
  remove(records: readonly Received[]): Promise<Map<string, string>>;
  /** Makes held records visible again at once. */
  release(records: readonly Received[]): Promise<void>;
}

/** Outcome of re-publishing one record. */
export type PublishOutcome =
  { readonly ok: true } | { readonly ok: false; readonly reason: string };

/** Where redriven events go: the bus or the events topic. */
export interface EventSink {
  /** Publishes each record's event; the map has one outcome per record key. */
  publish(records: readonly Received[]): Promise<Map<string, PublishOutcome>>;
  /** Most records one `publish` call takes. */
  readonly batchSize: number;
}
