/** AWS type tokens the relationship rules follow. */
export const T = {
  queue: "aws:sqs/queue:Queue",
  redrivePolicy: "aws:sqs/redrivePolicy:RedrivePolicy",
  topic: "aws:sns/topic:Topic",
  topicSubscription: "aws:sns/topicSubscription:TopicSubscription",
  function: "aws:lambda/function:Function",
  eventInvokeConfig: "aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig",
  eventSourceMapping: "aws:lambda/eventSourceMapping:EventSourceMapping",
  eventBus: "aws:cloudwatch/eventBus:EventBus",
  eventTarget: "aws:cloudwatch/eventTarget:EventTarget",
  metricAlarm: "aws:cloudwatch/metricAlarm:MetricAlarm",
  compositeAlarm: "aws:cloudwatch/compositeAlarm:CompositeAlarm",
} as const;
