/** Entry of the audit-log consumer's Lambda (dist/audit-lambda: `index.handler`, `index.queueHandler`). */
import { createLambdaHandlers } from "../lambda/run";
import { auditModule } from "./module";

const handlers = createLambdaHandlers(() => auditModule);

/** The handler Lambda invokes for EventBridge events. */
export const handler = handlers.handler;

/** The handler the consumer's SQS event source invokes. */
export const queueHandler = handlers.queueHandler;
