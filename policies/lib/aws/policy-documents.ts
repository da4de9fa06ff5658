/**
 * Every place an AWS policy document can appear in a resource's properties, and what kind of
 * document it is: identity (what a principal may do), trust (who may assume a role) or resource
 * (who may use a queue, topic, bus, key, secret, bucket, …).
 *
 * The tables follow @pulumi/aws 7's resource types; test/policies/aws/sdk-coverage.test.ts reads
 * the installed SDK and fails when a type with a policy-bearing property is neither listed here
 * nor waived with a reason.
 */
import { z } from "zod";
import { isRecord, isUnknown } from "../values";

export type DocumentKind = "identity" | "trust" | "resource";

/** A document found in a resource's properties. */
export interface DocumentLocation {
  readonly kind: DocumentKind;
  /** Property path, e.g. `policy` or `inlinePolicies[0].policy`. */
  readonly path: string;
  readonly value: unknown;
}

/** The properties that hold documents, by name as the SDK (and the engine) spells them. */
type DocumentProperty =
  | "policy"
  | "inlinePolicy"
  | "accessPolicies"
  | "accessPolicy"
  | "policyDocument"
  | "resourcePolicy";

/** Types whose property is an identity-based (or session) policy. */
export const IDENTITY_POLICY_PROPERTIES: Readonly<Record<string, DocumentProperty>> = {
  "aws:iam/policy:Policy": "policy",
  "aws:iam/rolePolicy:RolePolicy": "policy",
  "aws:iam/groupPolicy:GroupPolicy": "policy",
  "aws:iam/userPolicy:UserPolicy": "policy",
  "aws:ssoadmin/permissionSetInlinePolicy:PermissionSetInlinePolicy": "inlinePolicy",
  // Session policies: they narrow the role the service assumes, and use the same grammar.
  "aws:eks/podIdentityAssociation:PodIdentityAssociation": "policy",
  "aws:transfer/user:User": "policy",
  "aws:transfer/access:Access": "policy",
  // AWS IoT Core policies use IAM's Statement/Action/Resource grammar.
  "aws:iot/policy:Policy": "policy",
};

/** Types whose property is a resource-based policy. */
export const RESOURCE_POLICY_PROPERTIES: Readonly<Record<string, DocumentProperty>> = {
  "aws:sqs/queuePolicy:QueuePolicy": "policy",
  "aws:sqs/queue:Queue": "policy",
  "aws:sns/topicPolicy:TopicPolicy": "policy",
  "aws:sns/topic:Topic": "policy",
  "aws:cloudwatch/eventBusPolicy:EventBusPolicy": "policy",
  "aws:cloudwatch/logResourcePolicy:LogResourcePolicy": "policyDocument",
  "aws:cloudwatch/logDestinationPolicy:LogDestinationPolicy": "accessPolicy",
  "aws:kms/key:Key": "policy",
  "aws:kms/keyPolicy:KeyPolicy": "policy",
  "aws:kms/externalKey:ExternalKey": "policy",
  "aws:kms/replicaKey:ReplicaKey": "policy",
  "aws:kms/replicaExternalKey:ReplicaExternalKey": "policy",
  "aws:secretsmanager/secretPolicy:SecretPolicy": "policy",
  "aws:secretsmanager/secret:Secret": "policy",
  "aws:s3/bucketPolicy:BucketPolicy": "policy",
  "aws:s3/bucket:Bucket": "policy",
  "aws:s3/bucketV2:BucketV2": "policy",
  "aws:s3/accessPoint:AccessPoint": "policy",
  "aws:s3/filesFileSystemPolicy:FilesFileSystemPolicy": "policy",
  "aws:s3/vectorsVectorBucketPolicy:VectorsVectorBucketPolicy": "policy",
  "aws:s3control/bucketPolicy:BucketPolicy": "policy",
  "aws:s3control/accessPointPolicy:AccessPointPolicy": "policy",
  "aws:s3control/objectLambdaAccessPointPolicy:ObjectLambdaAccessPointPolicy": "policy",
  "aws:s3control/accessGrantsInstanceResourcePolicy:AccessGrantsInstanceResourcePolicy": "policy",
  "aws:s3tables/tableBucketPolicy:TableBucketPolicy": "resourcePolicy",
  "aws:s3tables/tablePolicy:TablePolicy": "resourcePolicy",
  "aws:ecr/repositoryPolicy:RepositoryPolicy": "policy",
  "aws:ecr/registryPolicy:RegistryPolicy": "policy",
  "aws:ecrpublic/repositoryPolicy:RepositoryPolicy": "policy",
  "aws:lambda/resourcePolicy:ResourcePolicy": "policy",
  "aws:apigateway/restApi:RestApi": "policy",
  "aws:apigateway/restApiPolicy:RestApiPolicy": "policy",
  "aws:apigateway/domainName:DomainName": "policy",
  "aws:ec2/vpcEndpoint:VpcEndpoint": "policy",
  "aws:ec2/vpcEndpointPolicy:VpcEndpointPolicy": "policy",
  "aws:efs/fileSystemPolicy:FileSystemPolicy": "policy",
  "aws:glacier/vault:Vault": "accessPolicy",
  "aws:glacier/vaultLock:VaultLock": "policy",
  "aws:backup/vaultPolicy:VaultPolicy": "policy",
  "aws:glue/resourcePolicy:ResourcePolicy": "policy",
  "aws:dynamodb/resourcePolicy:ResourcePolicy": "policy",
  "aws:kinesis/resourcePolicy:ResourcePolicy": "policy",
  "aws:redshift/resourcePolicy:ResourcePolicy": "policy",
  "aws:redshiftserverless/resourcePolicy:ResourcePolicy": "policy",
  "aws:dsql/clusterPolicy:ClusterPolicy": "policy",
  "aws:msk/clusterPolicy:ClusterPolicy": "policy",
  "aws:opensearch/domain:Domain": "accessPolicies",
  "aws:opensearch/domainPolicy:DomainPolicy": "accessPolicies",
  "aws:elasticsearch/domain:Domain": "accessPolicies",
  "aws:elasticsearch/domainPolicy:DomainPolicy": "accessPolicies",
  "aws:opensearchingest/resourcePolicy:ResourcePolicy": "policy",
  "aws:cloudsearch/domainServiceAccessPolicy:DomainServiceAccessPolicy": "accessPolicy",
  "aws:codebuild/resourcePolicy:ResourcePolicy": "policy",
  "aws:codeartifact/domainPermissions:DomainPermissions": "policyDocument",
  "aws:codeartifact/repositoryPermissionsPolicy:RepositoryPermissionsPolicy": "policyDocument",
  "aws:schemas/registryPolicy:RegistryPolicy": "policy",
  "aws:ses/identityPolicy:IdentityPolicy": "policy",
  "aws:sesv2/emailIdentityPolicy:EmailIdentityPolicy": "policy",
  "aws:pinpoint/smsvoicev2ResourcePolicy:Smsvoicev2ResourcePolicy": "policy",
  "aws:sagemaker/modelPackageGroupPolicy:ModelPackageGroupPolicy": "resourcePolicy",
  "aws:mediastore/containerPolicy:ContainerPolicy": "policy",
  "aws:networkfirewall/resourcePolicy:ResourcePolicy": "policy",
  "aws:vpclattice/authPolicy:AuthPolicy": "policy",
  "aws:vpclattice/resourcePolicy:ResourcePolicy": "policy",
  "aws:oam/sinkPolicy:SinkPolicy": "policy",
  "aws:acmpca/policy:Policy": "policy",
  "aws:bedrock/agentcoreResourcePolicy:AgentcoreResourcePolicy": "policy",
  "aws:xray/resourcePolicy:ResourcePolicy": "policyDocument",
  "aws:amp/resourcePolicy:ResourcePolicy": "policyDocument",
};

export const ROLE_TYPE = "aws:iam/role:Role";

/** Types whose documents are resource-based policies. */
export const RESOURCE_POLICY_TYPES: readonly string[] = Object.keys(RESOURCE_POLICY_PROPERTIES);
/** Every type that can hold an identity-based document. */
export const IDENTITY_DOCUMENT_TYPES: readonly string[] = [
  ...Object.keys(IDENTITY_POLICY_PROPERTIES),
  ROLE_TYPE,
];
/** Every type that can hold any document. */
export const DOCUMENT_TYPES: readonly string[] = [
  ...IDENTITY_DOCUMENT_TYPES,
  ...RESOURCE_POLICY_TYPES,
];

/** The properties a document rule reads; documents themselves are parsed later. */
export const documentPropsSchema = z.looseObject({
  policy: z.unknown().optional(),
  inlinePolicy: z.unknown().optional(),
  accessPolicies: z.unknown().optional(),
  accessPolicy: z.unknown().optional(),
  policyDocument: z.unknown().optional(),
  resourcePolicy: z.unknown().optional(),
  assumeRolePolicy: z.unknown().optional(),
  inlinePolicies: z.unknown().optional(),
});

/** The documents a resource of `type` carries. */
export function documentsOf(type: string, props: Record<string, unknown>): DocumentLocation[] {
  const identity = IDENTITY_POLICY_PROPERTIES[type];
  if (identity !== undefined) return [{ kind: "identity", path: identity, value: props[identity] }];
  const resource = RESOURCE_POLICY_PROPERTIES[type];
  if (resource !== undefined) return [{ kind: "resource", path: resource, value: props[resource] }];
  if (type !== ROLE_TYPE) return [];
  const docs: DocumentLocation[] = [
    { kind: "trust", path: "assumeRolePolicy", value: props.assumeRolePolicy },
  ];
  const inline = props.inlinePolicies;
  if (isUnknown(inline)) {
    docs.push({ kind: "identity", path: "inlinePolicies", value: inline });
  } else if (Array.isArray(inline)) {
    inline.forEach((entry: unknown, i) => {
      const value = isRecord(entry) ? entry.policy : entry;
      docs.push({ kind: "identity", path: `inlinePolicies[${i}].policy`, value });
    });
  }
  return docs;
}
