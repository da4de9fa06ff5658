/** The price tables: every row traceable to an official pricing page, every unit priced per region. */
import assert from "node:assert/strict";
import { fullyPricedRegions, priceOf } from "../../../../policies/offline/cost/price-table";
import { AWS_PRICES } from "../../../../policies/offline/cost/prices-aws";
import { GCP_PRICES } from "../../../../policies/offline/cost/prices-gcp";

for (const [table, host, regions] of [
  [GCP_PRICES, "https://cloud.google.com/", ["europe-west1", "us-central1"]],
  [AWS_PRICES, "https://aws.amazon.com/", ["eu-west-1", "us-east-1"]],
] as const) {
  describe(`${table.cloud} price table`, () => {
    it(`prices every unit in ${regions.join(" and ")}, once per region`, () => {
      assert.deepEqual(fullyPricedRegions(table), [...regions]);
      for (const id of new Set(table.rows.map((r) => r.id))) {
        for (const region of regions) {
          const rows = table.rows.filter((r) => r.id === id && r.regions.includes(region));
          assert.equal(rows.length, 1, `${id} in ${region}`);
          assert.equal(priceOf(table, id, region), rows[0]);
        }
      }
    });

    it("gives each row a positive price, a unit, the date read and the official page", () => {
      for (const row of table.rows) {
        assert.ok(row.price > 0, row.id);
        assert.ok(row.unit.length > 0, row.id);
        assert.match(row.read, /^\d{4}-\d{2}-\d{2}$/, row.id);
        assert.ok(row.source.startsWith(host), `${row.id}: ${row.source}`);
      }
    });
  });
}
