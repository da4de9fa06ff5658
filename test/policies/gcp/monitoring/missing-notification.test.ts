import assert from "node:assert/strict";
import { gcpMonitoringAlertPolicyMissingNotification as P } from "../../../../policies/gcp/monitoring/missing-notification";
import { edit, findings, open } from "../../support/policy-test";
import { deadLetterSetup } from "../pubsub/fixtures";

const baseline = () => {
  const s = deadLetterSetup();
  return [s.channel, s.alert];
};

describe("gcp-monitoring-alertpolicy-missing-notification", () => {
  it("Compliance 1: alert policy notifying an enabled email channel", async () => {
    assert.deepEqual(open(await findings(P, baseline())), []);
  });

  it("Noncompliance 1: alert policy without channels", async () => {
    const [channel, alert] = baseline();
    assert.deepEqual(
      open(await findings(P, [channel!, edit(alert!, { notificationChannels: [] })])),
      [
        'orders-dlq-alert: alert policy "orders dead letters" must have at least one notification channel, got none.',
      ],
    );
  });

  it("Noncompliance 2: alert policy disabled", async () => {
    const [channel, alert] = baseline();
    assert.deepEqual(open(await findings(P, [channel!, edit(alert!, { enabled: false })])), [
      'orders-dlq-alert: alert policy "orders dead letters" must be enabled, got enabled: false.',
    ]);
  });

  it("Noncompliance 3: its only channel is disabled", async () => {
    const [channel, alert] = baseline();
    const off = {
      ...channel!,
      outputs: { ...channel!.outputs, enabled: false, displayName: "on-call" },
    };
    assert.deepEqual(open(await findings(P, [off, alert!])), [
      'orders-dlq-alert: alert policy "orders dead letters" notifies channel "on-call", which must be enabled, got enabled: false.',
    ]);
  });
});
