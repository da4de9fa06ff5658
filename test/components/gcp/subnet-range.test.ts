import assert from "node:assert/strict";
import { addressesNeeded, egressRangeProblem } from "../../../components/gcp/subnet-range";

describe("gcp Direct VPC egress range", () => {
  const fits: [string, number][] = [
    ["10.8.0.0/26", 15],
    ["10.8.0.0/22", 200],
    ["10.8.0.0/20", 1023],
    ["10.8.0.0/15", 25000],
  ];
  for (const [range, instances] of fits) {
    it(`accepts ${range} for ${instances} instance(s) at four addresses each`, () => {
      assert.equal(egressRangeProblem(range, instances), undefined);
      assert.ok(2 ** (32 - Number(range.split("/")[1])) >= addressesNeeded(instances));
    });
  }

  const refused: [string, number, RegExp][] = [
    ["10.8.0.0/26", 16, /holds 64 addresses .* need 68 .* use a \/25 or larger/],
    ["10.8.0.0/27", 1, /must be \/26 or larger/],
    ["10.8.0.1/24", 1, /must start on a \/24 boundary/],
    ["10.8.0.0", 1, /must be an IPv4 CIDR range/],
    ["10.8.0.300/24", 1, /must be an IPv4 CIDR range/],
  ];
  for (const [range, instances, message] of refused) {
    it(`refuses ${range} for ${instances} instance(s), saying why`, () => {
      assert.match(egressRangeProblem(range, instances) ?? "", message);
    });
  }

  it("refuses a count that is not a positive integer", () => {
    assert.throws(() => addressesNeeded(0), /positive integer/);
    assert.throws(() => addressesNeeded(1.5), /positive integer/);
  });
});
