/**
 * The AWS deploy role's identity policy: the actions the program's resources need, each on the ARNs
 * of one stack (every physical name starts `eventstack-<stack>`, components/aws/names.ts), and the
 * trust policies of the deploy and preview roles.
 *
 * Actions and their resource types: AWS Service Authorization Reference,
 * https://docs.aws.amazon.com/service-authorization/latest/reference/ (per service: "Actions,
 * resources, and condition keys for …"). GitHub's condition keys on the OIDC provider
 * (`token.actions.githubusercontent.com:aud` / `:sub`): "Configuring OpenID Connect in Amazon Web
 * Services", https://docs.github.com/en/actions/security-for-github-actions/security-hardening-your-deployments/configuring-openid-connect-in-amazon-web-services.
 */
import { AWS_AUDIENCE, environmentSubject, pullRequestSubject } from "./github-oidc";

export interface Statement {
  readonly Sid: string;
  readonly Effect: "Allow";
  readonly Action: readonly string[];
  readonly Resource: string | readonly string[];
  readonly Condition?: Readonly<
    Record<string, Readonly<Record<string, string | readonly string[]>>>
  >;
}

export interface PolicyDocument {
  readonly Version: "2012-10-17";
  readonly Statement: readonly Statement[];
}

export interface Scope {
  readonly partition: string;
  readonly region: string;
  readonly account: string;
  /** `eventstack-<stack>`: the stack's physical-name prefix. */
  readonly prefix: string;
}

/** AWS managed policy for the read-only preview role: Describe/List/Get of metadata, no data. */
export const PREVIEW_MANAGED_POLICY = "arn:aws:iam::aws:policy/job-function/ViewOnlyAccess";

/** The deploy role's policy for one stack. */
export function deployPolicy(s: Scope): PolicyDocument {
  const arn = (service: string, resource: string, region = s.region) =>
    `arn:${s.partition}:${service}:${region}:${s.account}:${resource}`;
  const p = s.prefix;
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "EventBridge",
        Effect: "Allow",
        Action: [
          "events:CreateEventBus",
          "events:DeleteEventBus",
          "events:DescribeEventBus",
          "events:UpdateEventBus",
          "events:PutRule",
          "events:DeleteRule",
          "events:DescribeRule",
          "events:EnableRule",
          "events:DisableRule",
          "events:PutTargets",
          "events:RemoveTargets",
          "events:ListTargetsByRule",
          "events:CreateArchive",
          "events:DeleteArchive",
          "events:DescribeArchive",
          "events:UpdateArchive",
          "events:TagResource",
          "events:UntagResource",
          "events:ListTagsForResource",
        ],
        Resource: [
          arn("events", `event-bus/${p}*`),
          arn("events", `rule/${p}*`),
          arn("events", `rule/${p}*/*`),
          arn("events", `archive/${p}*`),
        ],
      },
      {
        Sid: "Lambda",
        Effect: "Allow",
        Action: [
          "lambda:CreateFunction",
          "lambda:DeleteFunction",
          "lambda:GetFunction",
          "lambda:GetFunctionConfiguration",
          "lambda:UpdateFunctionCode",
          "lambda:UpdateFunctionConfiguration",
          "lambda:ListVersionsByFunction",
          "lambda:GetFunctionCodeSigningConfig",
          "lambda:GetRuntimeManagementConfig",
          "lambda:PutFunctionConcurrency",
          "lambda:DeleteFunctionConcurrency",
          "lambda:GetFunctionConcurrency",
          "lambda:AddPermission",
          "lambda:RemovePermission",
          "lambda:GetPolicy",
          "lambda:PutFunctionEventInvokeConfig",
          "lambda:UpdateFunctionEventInvokeConfig",
          "lambda:DeleteFunctionEventInvokeConfig",
          "lambda:GetFunctionEventInvokeConfig",
          "lambda:TagResource",
          "lambda:UntagResource",
          "lambda:ListTags",
        ],
        Resource: arn("lambda", `function:${p}*`),
      },
      {
        Sid: "Sqs",
        Effect: "Allow",
        Action: [
          "sqs:CreateQueue",
          "sqs:DeleteQueue",
          "sqs:GetQueueAttributes",
          "sqs:SetQueueAttributes",
          "sqs:GetQueueUrl",
          "sqs:TagQueue",
          "sqs:UntagQueue",
          "sqs:ListQueueTags",
        ],
        Resource: arn("sqs", `${p}*`),
      },
      {
        Sid: "Sns",
        Effect: "Allow",
        Action: [
          "sns:CreateTopic",
          "sns:DeleteTopic",
          "sns:GetTopicAttributes",
          "sns:SetTopicAttributes",
          "sns:Subscribe",
          "sns:Unsubscribe",
          "sns:GetSubscriptionAttributes",
          "sns:SetSubscriptionAttributes",
          "sns:ListSubscriptionsByTopic",
          "sns:TagResource",
          "sns:UntagResource",
          "sns:ListTagsForResource",
        ],
        Resource: [arn("sns", `${p}*`), arn("sns", `${p}*:*`)],
      },
      {
        Sid: "Logs",
        Effect: "Allow",
        Action: [
          "logs:CreateLogGroup",
          "logs:DeleteLogGroup",
          "logs:PutRetentionPolicy",
          "logs:DeleteRetentionPolicy",
          "logs:AssociateKmsKey",
          "logs:DisassociateKmsKey",
          "logs:TagResource",
          "logs:UntagResource",
          "logs:ListTagsForResource",
        ],
        Resource: [
          arn("logs", `log-group:/aws/lambda/${p}*`),
          arn("logs", `log-group:/aws/lambda/${p}*:*`),
          // The VPC flow log group of private networking (components/aws/names.ts).
          arn("logs", `log-group:/eventstack/${p}/*`),
          arn("logs", `log-group:/eventstack/${p}/*:*`),
        ],
      },
      {
        Sid: "StateTable",
        Effect: "Allow",
        // The stack's shared DynamoDB table: TTL, point-in-time recovery, tags (Service
        // Authorization Reference, Amazon DynamoDB: each names the table resource type,
        // https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazondynamodb.html).
        Action: [
          "dynamodb:CreateTable",
          "dynamodb:DeleteTable",
          "dynamodb:DescribeTable",
          "dynamodb:UpdateTable",
          "dynamodb:DescribeTimeToLive",
          "dynamodb:UpdateTimeToLive",
          "dynamodb:DescribeContinuousBackups",
          "dynamodb:UpdateContinuousBackups",
          "dynamodb:TagResource",
          "dynamodb:UntagResource",
          "dynamodb:ListTagsOfResource",
        ],
        Resource: arn("dynamodb", `table/${p}*`),
      },
      {
        Sid: "Alarms",
        Effect: "Allow",
        Action: [
          "cloudwatch:PutMetricAlarm",
          "cloudwatch:DeleteAlarms",
          "cloudwatch:DescribeAlarms",
          "cloudwatch:TagResource",
          "cloudwatch:UntagResource",
          "cloudwatch:ListTagsForResource",
          "cloudwatch:PutDashboard",
          "cloudwatch:GetDashboard",
          "cloudwatch:DeleteDashboards",
        ],
        // Dashboards are global: their ARN has no region.
        Resource: [arn("cloudwatch", `alarm:${p}*`), arn("cloudwatch", `dashboard/${p}*`, "")],
      },
      {
        Sid: "Secrets",
        Effect: "Allow",
        Action: [
          "secretsmanager:CreateSecret",
          "secretsmanager:DeleteSecret",
          "secretsmanager:DescribeSecret",
          "secretsmanager:UpdateSecret",
          "secretsmanager:PutSecretValue",
          "secretsmanager:GetSecretValue",
          "secretsmanager:GetResourcePolicy",
          "secretsmanager:PutResourcePolicy",
          "secretsmanager:DeleteResourcePolicy",
          "secretsmanager:TagResource",
          "secretsmanager:UntagResource",
        ],
        Resource: arn("secretsmanager", `secret:${p}*`),
      },
      {
        Sid: "KmsCreate",
        Effect: "Allow",
        // CreateKey names no resource type; AWS accepts only "*".
        Action: ["kms:CreateKey", "kms:ListAliases"],
        Resource: "*",
      },
      {
        Sid: "KmsKeys",
        Effect: "Allow",
        Action: [
          "kms:DescribeKey",
          "kms:EnableKeyRotation",
          "kms:GetKeyRotationStatus",
          "kms:GetKeyPolicy",
          "kms:PutKeyPolicy",
          "kms:ScheduleKeyDeletion",
          "kms:TagResource",
          "kms:UntagResource",
          "kms:ListResourceTags",
          "kms:CreateAlias",
          "kms:DeleteAlias",
          "kms:UpdateAlias",
        ],
        Resource: [arn("kms", "key/*"), arn("kms", `alias/${p}*`)],
      },
      {
        Sid: "Roles",
        Effect: "Allow",
        Action: [
          "iam:CreateRole",
          "iam:DeleteRole",
          "iam:GetRole",
          "iam:UpdateRole",
          "iam:UpdateAssumeRolePolicy",
          "iam:PutRolePolicy",
          "iam:GetRolePolicy",
          "iam:DeleteRolePolicy",
          "iam:ListRolePolicies",
          "iam:ListAttachedRolePolicies",
          "iam:ListInstanceProfilesForRole",
          "iam:TagRole",
          "iam:UntagRole",
        ],
        Resource: arn("iam", `role/${p}*`, ""),
      },
      {
        Sid: "PassRolesToServices",
        Effect: "Allow",
        Action: ["iam:PassRole"],
        Resource: arn("iam", `role/${p}*`, ""),
        // Lambda runs the functions as their roles; VPC Flow Logs publishes as its role
        // (https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs-iam-role.html).
        Condition: {
          StringEquals: {
            "iam:PassedToService": ["lambda.amazonaws.com", "vpc-flow-logs.amazonaws.com"],
          },
        },
      },
      {
        Sid: "PrivateNetworking",
        Effect: "Allow",
        Action: [
          "ec2:CreateVpc",
          "ec2:DeleteVpc",
          "ec2:ModifyVpcAttribute",
          "ec2:CreateSubnet",
          "ec2:DeleteSubnet",
          "ec2:ModifySubnetAttribute",
          "ec2:CreateRouteTable",
          "ec2:DeleteRouteTable",
          "ec2:CreateRoute",
          "ec2:DeleteRoute",
          "ec2:AssociateRouteTable",
          "ec2:DisassociateRouteTable",
          "ec2:CreateInternetGateway",
          "ec2:DeleteInternetGateway",
          "ec2:AttachInternetGateway",
          "ec2:DetachInternetGateway",
          "ec2:AllocateAddress",
          "ec2:ReleaseAddress",
          "ec2:CreateNatGateway",
          "ec2:DeleteNatGateway",
          "ec2:CreateSecurityGroup",
          "ec2:DeleteSecurityGroup",
          "ec2:AuthorizeSecurityGroupEgress",
          "ec2:AuthorizeSecurityGroupIngress",
          "ec2:RevokeSecurityGroupEgress",
          "ec2:RevokeSecurityGroupIngress",
          "ec2:CreateVpcEndpoint",
          "ec2:DeleteVpcEndpoints",
          "ec2:ModifyVpcEndpoint",
          "ec2:CreateTags",
          "ec2:DeleteTags",
          // Name the vpc and vpc-flow-log resource types (Service Authorization Reference,
          // Amazon EC2: https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonec2.html).
          "ec2:DescribeVpcAttribute",
          "ec2:CreateFlowLogs",
          "ec2:DeleteFlowLogs",
        ],
        Resource: arn("ec2", "*"),
      },
      {
        Sid: "Describe",
        Effect: "Allow",
        // Listings and EC2 describes name no resource type; AWS accepts only "*".
        Action: [
          "sts:GetCallerIdentity",
          "logs:DescribeLogGroups",
          "ec2:DescribeVpcs",
          "ec2:DescribeSubnets",
          "ec2:DescribeSecurityGroups",
          "ec2:DescribeNetworkInterfaces",
          "ec2:DescribeRouteTables",
          "ec2:DescribeInternetGateways",
          "ec2:DescribeNatGateways",
          "ec2:DescribeAddresses",
          "ec2:DescribeVpcEndpoints",
          "ec2:DescribeAvailabilityZones",
          "ec2:DescribeFlowLogs",
          "ec2:DescribePrefixLists",
        ],
        Resource: "*",
      },
    ],
  };
}

/** Trust policy: only tokens for STS whose `sub` is exactly `subject`, through `providerArn`. */
function trust(providerArn: string, subject: string) {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { Federated: providerArn },
        Action: "sts:AssumeRoleWithWebIdentity",
        Condition: {
          StringEquals: {
            "token.actions.githubusercontent.com:aud": AWS_AUDIENCE,
            "token.actions.githubusercontent.com:sub": subject,
          },
        },
      },
    ],
  };
}

/** Jobs in GitHub environment `environment` of `repository` only. */
export function deployTrust(providerArn: string, repository: string, environment: string) {
  return trust(providerArn, environmentSubject(repository, environment));
}

/** `repository`'s pull-request jobs that name no environment only. */
export function previewTrust(providerArn: string, repository: string) {
  return trust(providerArn, pullRequestSubject(repository));
}
