import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

const endpoint = process.env.AWS_ENDPOINT_URL_DYNAMODB;

/** The low-level client, for libraries that want one (Powertools idempotency). */
export const dynamoDbClient = new DynamoDBClient(endpoint ? { endpoint } : {});

/** DynamoDB through the document client (plain values in and out), built once per container. */
export const dynamoDb = DynamoDBDocumentClient.from(dynamoDbClient, {
  marshallOptions: { removeUndefinedValues: true },
});
