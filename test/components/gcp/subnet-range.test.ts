import assert from "node:assert/strict";
import { subnetRange } from "../../../components/gcp/subnet-range";

describe("gcp subnet range", () => {
  const cases: [number, string][] = [
    [1, "10.8.0.0/26"],
    [15, "10.8.0.0/26"],
    [16, "10.8.0.0/25"],
    [200, "10.8.0.0/22"],
    [2000, "10.8.0.0/19"],
    [25000, "10.8.0.0/15"],
  ];
  for (const [instances, cidr] of cases) {
    it(`gives ${instances} instance(s) four addresses each: ${cidr}`, () => {
      assert.equal(subnetRange(instances), cidr);
      const size = 2 ** (32 - Number(cidr.split("/")[1]));
      assert.ok(size - 4 >= instances * 4);
    });
  }

  it("refuses a count that is not a positive integer", () => {
    assert.throws(() => subnetRange(0), /positive integer/);
    assert.throws(() => subnetRange(1.5), /positive integer/);
  });
});
