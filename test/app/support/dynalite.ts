/**
 * A real DynamoDB API server for tests: dynalite (npm; DynamoDB's HTTP/JSON protocol on an
 * in-memory LevelDB), started by the test itself on a loopback port, with the table shape the
 * stack deploys (partition key `pk`, string). Clients are the real AWS SDK v3 client.
 */
import { CreateTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import dynalite from "dynalite";

/** The environment the SDK needs to talk to the local server (no real credentials). */
export const LOCAL_AWS_ENV = {
  AWS_REGION: "eu-west-1",
  AWS_ACCESS_KEY_ID: "AKIAIOSFODNN7EXAMPLE",
  AWS_SECRET_ACCESS_KEY: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
} as const;

export interface LocalDynamo {
  readonly endpoint: URL;
  readonly table: string;
  client(): DynamoDBClient;
  close(): Promise<void>;
}

/** Starts dynalite and creates `table` in it. */
export async function startDynalite(table = "eventstack-state"): Promise<LocalDynamo> {
  const server: Server = dynalite({ createTableMs: 0 });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const endpoint = new URL(`http://127.0.0.1:${port}`);
  const client = (): DynamoDBClient =>
    new DynamoDBClient({
      endpoint: endpoint.href,
      region: LOCAL_AWS_ENV.AWS_REGION,
      credentials: {
        accessKeyId: LOCAL_AWS_ENV.AWS_ACCESS_KEY_ID,
        secretAccessKey: LOCAL_AWS_ENV.AWS_SECRET_ACCESS_KEY,
      },
    });
  const admin = client();
  await admin.send(
    new CreateTableCommand({
      TableName: table,
      AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" }],
      KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }],
      BillingMode: "PAY_PER_REQUEST",
    }),
  );
  admin.destroy();
  return {
    endpoint,
    table,
    client,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
