/** Entry of the audit-log consumer's container (dist/audit-consumer/index.mjs). */
import { runContainer } from "../consumer/run";
import { auditModule } from "./module";

runContainer(() => auditModule);
