/** Collects an estimator's lines, the resources that cost nothing and those it cannot price. */
import type { RecordedResource } from "../mock-types";
import type { Estimation, LineDraft } from "./model";

export class Collector {
  private readonly lines: LineDraft[] = [];
  private readonly noCharge = new Map<string, { count: number; reason: string }>();
  private readonly unknown = new Map<string, { names: string[]; reason: string }>();

  line(draft: LineDraft): void {
    this.lines.push(draft);
  }

  free(r: RecordedResource, reason: string): void {
    const entry = this.noCharge.get(r.type) ?? { count: 0, reason };
    entry.count++;
    this.noCharge.set(r.type, entry);
  }

  notEstimated(r: RecordedResource, reason: string): void {
    const entry = this.unknown.get(r.type) ?? { names: [], reason };
    entry.names.push(r.name);
    this.unknown.set(r.type, entry);
  }

  /** Components and providers are Pulumi's bookkeeping; their cloud resources are priced. */
  bookkeeping(r: RecordedResource): boolean {
    if (r.type === "pulumi:pulumi:Stack" || r.type.startsWith("pulumi:providers:")) {
      this.free(r, "Pulumi bookkeeping: nothing is deployed for it");
      return true;
    }
    if (!r.custom) {
      this.free(r, "component: its children are priced");
      return true;
    }
    return false;
  }

  result(): Estimation {
    const byType = <T>(m: Map<string, T>) =>
      [...m.entries()].sort(([a], [b]) => a.localeCompare(b));
    return {
      lines: this.lines,
      noCharge: byType(this.noCharge).map(([type, e]) => ({ type, ...e })),
      notEstimated: byType(this.unknown).map(([type, e]) => ({ type, ...e })),
    };
  }
}
