import assert from "node:assert/strict";
import { contentHash } from "../../../components/build-artifact";
import { LAMBDA_BUNDLE_DIR } from "../../../components/aws/platform";
import type { Plan } from "../../../policies/offline/plan";
import { ofType, plan } from "../../support/plan";

describe("aws platform, the Lambda bundle it deploys", function () {
  this.timeout(120_000);
  let p: Plan;
  before(async () => {
    p = await plan("prod");
  });

  it("exports which build the functions package: dist/lambda and its content hash", () => {
    assert.deepEqual(p.outputs.lambdaBundle, {
      path: "dist/lambda",
      sha256: contentHash(LAMBDA_BUNDLE_DIR),
    });
  });

  it("packages that folder as every function's code", () => {
    const functions = ofType(p, "aws:lambda/function:Function");
    assert.ok(functions.length > 0, "no Lambda function planned");
    for (const fn of functions) {
      assert.deepEqual(fn.packaged, [
        {
          property: "code",
          kind: "archive",
          path: "dist/lambda",
          sha256: contentHash(LAMBDA_BUNDLE_DIR),
        },
      ]);
    }
  });
});
