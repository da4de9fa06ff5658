/**
 * The eventstack policy pack: its name and every policy it registers, in one list. Side-effect
 * free, so the offline evaluator and the tests load the very same policy objects the pack serves.
 */
import type { PackPolicy } from "./lib/define";
import { awsIamRoleMissingFederatedSubject } from "./aws/iam/missing-federated-subject";
import { awsCloudwatchEventPermissionDisallowPublicPrincipal } from "./aws/cloudwatch/eventpermission-disallow-public-principal";
import { gcpIamProjectDisallowBroadDataAccess } from "./gcp/iam/disallow-broad-data-access";
import { awsCloudwatchAlarmMissingNotification } from "./aws/cloudwatch/alarm-missing-notification";
import { awsCloudwatchEventBusConfigureCustomerManagedKey } from "./aws/cloudwatch/eventbus-configure-customer-managed-key";
import { awsCloudwatchEventTargetConfigureRetryPolicy } from "./aws/cloudwatch/eventtarget-configure-retry-policy";
import { awsCloudwatchEventTargetMissingDeadLetterQueue } from "./aws/cloudwatch/eventtarget-missing-dead-letter-queue";
import { awsCloudwatchLogGroupConfigureCustomerManagedKey } from "./aws/cloudwatch/loggroup-configure-customer-managed-key";
import { awsIamPolicyAttachmentDisallowBroadManagedPolicies } from "./aws/iam/disallow-broad-managed-policies";
import { awsIamPolicyDocumentDisallowNotActionAllow } from "./aws/iam/disallow-not-action-allow";
import { awsIamPolicyDocumentDisallowWildcardActions } from "./aws/iam/disallow-wildcard-actions";
import { awsIamPolicyDocumentDisallowWildcardResources } from "./aws/iam/disallow-wildcard-resources";
import { awsIamRoleDisallowWildcardTrust } from "./aws/iam/disallow-wildcard-trust";
import { awsIamResourcePolicyMissingScopingCondition } from "./aws/iam/missing-scoping-condition";
import { awsKmsKeyEnableRotation } from "./aws/kms/enable-rotation";
import { awsLambdaFunctionUrlDisallowAnonymousAccess } from "./aws/lambda/disallow-anonymous-url";
import { awsLambdaPermissionDisallowPublicPrincipal } from "./aws/lambda/disallow-public-principal";
import { awsLambdaFunctionMissingErrorAlarm } from "./aws/lambda/missing-error-alarm";
import { awsLambdaFunctionMissingFailureDestination } from "./aws/lambda/missing-failure-destination";
import { awsLambdaPermissionMissingSourceArn } from "./aws/lambda/missing-source-arn";
import { awsSecretsManagerSecretConfigureCustomerManagedKey } from "./aws/secretsmanager/configure-customer-managed-key";
import { awsSnsTopicConfigureCustomerManagedKey } from "./aws/sns/configure-customer-managed-key";
import { awsSnsTopicSubscriptionDisallowHttpEndpoint } from "./aws/sns/disallow-http-subscription";
import { awsSnsTopicEnableEncryption } from "./aws/sns/enable-encryption";
import { awsSqsQueueConfigureCustomerManagedKey } from "./aws/sqs/configure-customer-managed-key";
import { awsSqsQueueEnableEncryption } from "./aws/sqs/enable-encryption";
import { awsSqsQueueMissingDeadLetterAlarm } from "./aws/sqs/missing-dead-letter-alarm";
import { awsSqsQueueMissingRedrivePolicy } from "./aws/sqs/missing-redrive-policy";
import { awsStatefulResourceEnforceProtection } from "./aws/stateful/enforce-protection";
import { gcpCloudRunServiceDisallowDefaultServiceAccount } from "./gcp/cloudrun/disallow-default-service-account";
import { gcpCloudRunServiceMissingErrorAlert } from "./gcp/cloudrun/missing-error-alert";
import { gcpIamBindingDisallowBasicRoles } from "./gcp/iam/disallow-basic-roles";
import { gcpIamProjectDisallowImpersonationRoles } from "./gcp/iam/disallow-project-impersonation";
import { gcpIamMemberDisallowPublicAccess } from "./gcp/iam/disallow-public-access";
import { gcpKmsCryptoKeyConfigureRotationPeriod } from "./gcp/kms/configure-rotation-period";
import { gcpMonitoringAlertPolicyMissingNotification } from "./gcp/monitoring/missing-notification";
import { gcpPubsubTopicConfigureCustomerManagedKey } from "./gcp/pubsub/configure-customer-managed-key";
import { gcpPubsubSubscriptionEnforceHttpsEndpoint } from "./gcp/pubsub/enforce-https-endpoint";
import { gcpPubsubTopicMissingDeadLetterAlert } from "./gcp/pubsub/missing-dead-letter-alert";
import { gcpPubsubSubscriptionMissingDeadLetterGrants } from "./gcp/pubsub/missing-dead-letter-grants";
import { gcpPubsubSubscriptionMissingDeadLetterPolicy } from "./gcp/pubsub/missing-dead-letter-policy";
import { gcpPubsubTopicMissingDeadLetterSubscription } from "./gcp/pubsub/missing-dead-letter-subscription";
import { gcpPubsubSubscriptionMissingOidcToken } from "./gcp/pubsub/missing-oidc-token";
import { gcpSecretManagerSecretConfigureCustomerManagedKey } from "./gcp/secretmanager/configure-customer-managed-key";
import { gcpServiceAccountKeyDisallowUserManagedKeys } from "./gcp/serviceaccount/disallow-user-managed-keys";
import { gcpStatefulResourceEnforceProtection } from "./gcp/stateful/enforce-protection";
import { awsDynamodbPolicyDocumentDisallowWildcardGrants } from "./aws/dynamodb/policydocument-disallow-wildcard-grants";
import { awsDynamodbTableConfigureCustomerManagedKey } from "./aws/dynamodb/table-configure-customer-managed-key";
import { awsDynamodbTableEnableDeletionProtection } from "./aws/dynamodb/table-enable-deletion-protection";
import { awsDynamodbTableEnablePointInTimeRecovery } from "./aws/dynamodb/table-enable-point-in-time-recovery";
import { gcpFirestoreDatabaseConfigureCustomerManagedKey } from "./gcp/firestore/database-configure-customer-managed-key";
import { gcpFirestoreDatabaseEnableDeleteProtection } from "./gcp/firestore/database-enable-delete-protection";
import { gcpFirestoreDatabaseEnablePointInTimeRecovery } from "./gcp/firestore/database-enable-point-in-time-recovery";
import { gcpIamProjectDisallowWildcardDatabaseCondition } from "./gcp/iam/disallow-wildcard-database-condition";

/** The pack's name, as `pulumi preview` and the reports show it. */
export const PACK_NAME = "eventstack-policies";

/** The level of a policy that sets none; every policy here sets its own. */
export const PACK_ENFORCEMENT_LEVEL = "advisory";

export const PACK_DESCRIPTION =
  "eventstack policies: least-privilege IAM, encryption, dead-letter presence and alert rules for AWS and GCP.";

/** Every policy of the pack, AWS first, grouped by concern. */
export const POLICIES: readonly PackPolicy[] = [
  // AWS least privilege
  awsIamPolicyDocumentDisallowWildcardActions,
  awsIamPolicyDocumentDisallowWildcardResources,
  awsIamPolicyDocumentDisallowNotActionAllow,
  awsIamPolicyAttachmentDisallowBroadManagedPolicies,
  awsIamRoleDisallowWildcardTrust,
  awsIamRoleMissingFederatedSubject,
  awsIamResourcePolicyMissingScopingCondition,
  awsLambdaPermissionMissingSourceArn,
  awsLambdaPermissionDisallowPublicPrincipal,
  awsLambdaFunctionUrlDisallowAnonymousAccess,
  awsCloudwatchEventPermissionDisallowPublicPrincipal,
  awsDynamodbPolicyDocumentDisallowWildcardGrants,
  // AWS encryption
  awsSqsQueueEnableEncryption,
  awsSnsTopicEnableEncryption,
  awsKmsKeyEnableRotation,
  awsSnsTopicSubscriptionDisallowHttpEndpoint,
  awsSqsQueueConfigureCustomerManagedKey,
  awsSnsTopicConfigureCustomerManagedKey,
  awsCloudwatchLogGroupConfigureCustomerManagedKey,
  awsSecretsManagerSecretConfigureCustomerManagedKey,
  awsCloudwatchEventBusConfigureCustomerManagedKey,
  awsDynamodbTableConfigureCustomerManagedKey,
  // AWS dead letters
  awsCloudwatchEventTargetMissingDeadLetterQueue,
  awsCloudwatchEventTargetConfigureRetryPolicy,
  awsLambdaFunctionMissingFailureDestination,
  awsSqsQueueMissingRedrivePolicy,
  // AWS alerts
  awsSqsQueueMissingDeadLetterAlarm,
  awsLambdaFunctionMissingErrorAlarm,
  awsCloudwatchAlarmMissingNotification,
  // AWS protection of stateful resources in production
  awsStatefulResourceEnforceProtection,
  awsDynamodbTableEnablePointInTimeRecovery,
  awsDynamodbTableEnableDeletionProtection,
  // GCP least privilege
  gcpIamBindingDisallowBasicRoles,
  gcpIamMemberDisallowPublicAccess,
  gcpServiceAccountKeyDisallowUserManagedKeys,
  gcpIamProjectDisallowImpersonationRoles,
  gcpIamProjectDisallowBroadDataAccess,
  gcpIamProjectDisallowWildcardDatabaseCondition,
  gcpCloudRunServiceDisallowDefaultServiceAccount,
  gcpPubsubSubscriptionMissingOidcToken,
  // GCP encryption
  gcpPubsubSubscriptionEnforceHttpsEndpoint,
  gcpKmsCryptoKeyConfigureRotationPeriod,
  gcpPubsubTopicConfigureCustomerManagedKey,
  gcpSecretManagerSecretConfigureCustomerManagedKey,
  gcpFirestoreDatabaseConfigureCustomerManagedKey,
  // GCP dead letters
  gcpPubsubSubscriptionMissingDeadLetterPolicy,
  gcpPubsubTopicMissingDeadLetterSubscription,
  gcpPubsubSubscriptionMissingDeadLetterGrants,
  // GCP alerts
  gcpPubsubTopicMissingDeadLetterAlert,
  gcpCloudRunServiceMissingErrorAlert,
  gcpMonitoringAlertPolicyMissingNotification,
  // GCP protection of stateful resources in production
  gcpStatefulResourceEnforceProtection,
  gcpFirestoreDatabaseEnablePointInTimeRecovery,
  gcpFirestoreDatabaseEnableDeleteProtection,
];
