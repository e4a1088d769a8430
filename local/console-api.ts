import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { Hono } from 'hono';
import { CASEWORKER_API_ROUTES } from '../functions/events/caseworker-api-requests.ts';
import type { LocalLambda } from './local-lambda.ts';

/** Who calls the local API: there is no IAM here, so every call is recorded as this principal. */
export const LOCAL_API_PRINCIPAL = 'arn:aws:iam::000000000000:user/local-caseworker';

/** The route template (`/cases/{reference}`) a path matches, with its parameters. */
function matchRoute(
  method: string,
  path: string,
): { resource: string; parameters: Record<string, string> } | null {
  for (const route of Object.values(CASEWORKER_API_ROUTES)) {
    if (route.method !== method) continue;
    const names: string[] = [];
    const pattern = new RegExp(
      `^${route.path.replace(/\{([^/]+)\}/g, (_, name: string) => {
        names.push(name);
        return '([^/]+)';
      })}/?$`,
    );
    const match = pattern.exec(path);
    if (match === null) continue;
    return {
      resource: route.path,
      parameters: Object.fromEntries(names.map((name, i) => [name, decodeURIComponent(match[i + 1]!)])),
    };
  }
  return null;
}

/**
 * The caseworker JSON API under `/api` locally: each request becomes the API Gateway (REST,
 * Lambda proxy) event the API's function receives on AWS and runs in that function's local
 * worker, with its IAM role checked as everywhere locally. Only on 127.0.0.1, like the
 * stand-ins; on AWS the API is IAM-authorised.
 */
export function localApiRoutes(api: LocalLambda): Hono {
  const app = new Hono();
  app.all('*', async (c) => {
    const path = c.req.path.replace(/^\/api/, '') || '/';
    const route = matchRoute(c.req.method, path);
    const body = c.req.method === 'GET' || c.req.method === 'HEAD' ? null : await c.req.text();
    const headers = Object.fromEntries(c.req.raw.headers.entries());
    const query = c.req.query();
    const event: APIGatewayProxyEvent = {
      httpMethod: c.req.method,
      // Unknown routes go in with their path as resource: the function answers 404 or 405 itself.
      resource: route?.resource ?? path,
      path,
      pathParameters: route === null || Object.keys(route.parameters).length === 0 ? null : route.parameters,
      queryStringParameters: Object.keys(query).length === 0 ? null : query,
      multiValueQueryStringParameters: null,
      headers,
      multiValueHeaders: {},
      stageVariables: null,
      isBase64Encoded: false,
      body: body === '' ? null : body,
      requestContext: {
        requestId: randomUUID(),
        httpMethod: c.req.method,
        resourcePath: route?.resource ?? path,
        identity: { userArn: LOCAL_API_PRINCIPAL },
      } as APIGatewayProxyEvent['requestContext'],
    };
    const result = (await api.invoke(event)) as APIGatewayProxyResult;
    const responseHeaders = new Headers();
    for (const [name, value] of Object.entries(result.headers ?? {}))
      responseHeaders.set(name, String(value));
    return new Response(result.statusCode === 204 ? null : result.body, {
      status: result.statusCode,
      headers: responseHeaders,
    });
  });
  return app;
}
