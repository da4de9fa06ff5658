import { stackPolicy } from "../../lib/define";
import { mentions } from "../../lib/gcp/dead-letters";
import { G } from "../../lib/gcp/pubsub";
import { lastSegment, ResourceIndex } from "../../lib/resource-index";
import { knownString, stringsIn } from "../../lib/values";

/** Every Cloud Run consumer has an error alert. */
export const gcpCloudRunServiceMissingErrorAlert = stackPolicy(
  {
    name: "gcp-cloudrun-service-missing-error-alert",
    description:
      "Every Cloud Run service must be watched by an alert policy on its run.googleapis.com metrics (errors), naming the service.",
    severity: "medium",
    enforcementLevel: "advisory",
    tags: ["gcp", "cloudrun", "alerting", "observability"],
    remediationSteps:
      'Add a `gcp.monitoring.AlertPolicy` on `run.googleapis.com/request_count` with `metric.label.response_code_class = "5xx"` and `resource.label.service_name = "<service>"`, with notification channels.',
  },
  {
    types: [G.runV2, G.runV1],
    check: (resources, ctx) => {
      const index = new ResourceIndex(resources);
      const alerts = index.ofType(G.alertPolicy);
      for (const svc of index.ofType(G.runV2, G.runV1)) {
        const raw = knownString(index.props(svc).name);
        const name = raw && lastSegment(raw);
        const ok = alerts.some((alert) => {
          const text = stringsIn(index.props(alert).conditions).join("\n");
          if (!text.includes("run.googleapis.com")) return false;
          if (name !== undefined && mentions(text, name)) return true;
          return (alert.propertyDependencies.conditions ?? []).some((d) => d.urn === svc.urn);
        });
        if (ok) continue;
        ctx.report(
          `Cloud Run service ${JSON.stringify(name ?? svc.name)} must be watched by an alert policy on run.googleapis.com metrics naming it, got none.`,
          svc.urn,
        );
      }
    },
  },
);
