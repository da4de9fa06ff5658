import { stackPolicy } from "../../lib/define";
import { AlertIndex } from "../../lib/gcp/alerting";
import { G } from "../../lib/gcp/pubsub";
import { lastSegment, ResourceIndex } from "../../lib/resource-index";
import { isUnknown, knownString } from "../../lib/values";

/**
 * The metric that moves when a Cloud Run service fails requests: `run.googleapis.com/request_count`
 * (label `response_code_class`), as a filter, or as MQL/PromQL (`run_googleapis_com:request_count`)
 * (https://cloud.google.com/monitoring/api/metrics_gcp_p_z#gcp-run).
 */
const REQUEST_COUNT = /run\.googleapis\.com\/request_count|run_googleapis_com:request_count/;

/**
 * Every Cloud Run service has an error alert that can fire and notify: on request_count, naming the
 * service — or project-wide, with no `service_name` restriction, which covers every service.
 */
export const gcpCloudRunServiceMissingErrorAlert = stackPolicy(
  {
    name: "gcp-cloudrun-service-missing-error-alert",
    description:
      "Every Cloud Run service must be watched by an enabled alert policy with notification channels on run.googleapis.com/request_count that names the service or covers the whole project.",
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
      const alerts = new AlertIndex(index, index.ofType(G.alertPolicy));
      const onRequests = new Set(
        alerts.alerts.filter((a) => REQUEST_COUNT.test(a.text)).map((a) => a.alert),
      );
      // A condition with no service_name restriction watches every service of the project.
      const projectWide = alerts.alerts.some(
        (a) => onRequests.has(a.alert) && !a.text.includes("service_name"),
      );
      for (const svc of index.ofType(G.runV2, G.runV1)) {
        const raw = knownString(index.props(svc).name);
        const name = raw && lastSegment(raw);
        const ok =
          projectWide ||
          (name !== undefined && alerts.mentioning(name).some((a) => onRequests.has(a))) ||
          // Conditions not known yet (a preview): the dependency edge is all there is to follow.
          alerts
            .dependingOn(svc.urn)
            .some((a) => onRequests.has(a) || isUnknown(index.props(a).conditions));
        if (ok) continue;
        ctx.report(
          `Cloud Run service ${JSON.stringify(name ?? svc.name)} must be watched by an enabled alert policy with notification channels on run.googleapis.com/request_count naming it (or the whole project), got none.`,
          svc.urn,
        );
      }
    },
  },
);
