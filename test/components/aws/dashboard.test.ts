import assert from "node:assert/strict";
import { consumerAlarms } from "../../../components/aws/alarm-definitions";
import { dashboardBody, dashboardUrl } from "../../../components/aws/dashboard";
import { platformNames } from "../../../components/aws/names";

const names = platformNames("eventstack", "prod");
const alerting = {
  email: "oncall@example.com",
  errorRatePercent: 5,
  windowMinutes: 5,
  maxProcessingDelaySeconds: 60,
};
const section = (consumer: string) => ({
  title: `Consumer ${consumer}`,
  alarms: consumerAlarms({
    stack: "prod",
    names: names.consumer(consumer),
    busName: names.bus,
    reservedConcurrency: 100,
    timeoutSeconds: 300,
    visibilityTimeoutSeconds: 1800,
    alerting,
  }),
});

describe("aws dashboard", () => {
  const body = dashboardBody("eu-west-1", [section("orders"), section("audit")]);

  it("draws one graph per alarm under a header per consumer", () => {
    const headers = body.widgets.filter((w) => w.type === "text").map((w) => w.properties.markdown);
    assert.deepEqual(headers, ["## Consumer orders", "## Consumer audit"]);
    assert.equal(body.widgets.filter((w) => w.type === "metric").length, 16);
  });

  it("draws the error rate with the alarm's own expression and threshold", () => {
    const rate = body.widgets.find((w) => w.properties.title === "orders: error rate (%)");
    assert.deepEqual(rate?.properties, {
      title: "orders: error rate (%)",
      view: "timeSeries",
      region: "eu-west-1",
      period: 300,
      metrics: [
        [
          {
            expression: "IF(handled >= 10, 100 * failed / handled, 0)",
            label: "Error rate (%)",
            id: "rate",
          },
        ],
        [
          "eventstack",
          "failed",
          "consumer",
          "orders",
          { stat: "Sum", id: "failed", visible: false },
        ],
        [
          "eventstack",
          "processing_time",
          "consumer",
          "orders",
          { stat: "SampleCount", id: "handled", visible: false },
        ],
      ],
      annotations: { horizontal: [{ label: "Alarm above 5", value: 5 }] },
    });
  });

  it("draws the rule metrics with both the bus and rule dimensions", () => {
    const sent = body.widgets.find(
      (w) => w.properties.title === "audit: events sent to dead-letter queue",
    );
    assert.deepEqual(sent?.properties.metrics, [
      [
        "AWS/Events",
        "InvocationsSentToDlq",
        "EventBusName",
        "eventstack-prod",
        "RuleName",
        "eventstack-prod-audit",
        { stat: "Sum", label: "InvocationsSentToDlq" },
      ],
    ]);
  });

  it("lays graphs out on the 24-column grid without overlap", () => {
    const cells = new Set<string>();
    for (const w of body.widgets) {
      assert.ok(w.x + w.width <= 24, `widget at x=${w.x} overflows`);
      for (let x = w.x; x < w.x + w.width; x++) {
        for (let y = w.y; y < w.y + w.height; y++) {
          const cell = `${x},${y}`;
          assert.ok(!cells.has(cell), `widgets overlap at ${cell}`);
          cells.add(cell);
        }
      }
    }
  });

  it("links to the dashboard in the console of its region", () => {
    assert.equal(
      dashboardUrl("eu-west-1", "eventstack-prod"),
      "https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#dashboards:name=eventstack-prod",
    );
  });
});
