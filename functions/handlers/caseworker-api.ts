import middy, { type MiddlewareObj } from '@middy/core';
import httpErrorHandler from '@middy/http-error-handler';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import httpJsonBodyParser from '@middy/http-json-body-parser';
import httpRouterHandler, { type Route } from '@middy/http-router';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import * as z from 'zod';
import { dynamoDb } from '#clients/dynamodb';
import { requireEnv } from '#shared/env';
import { logger } from '#shared/logger';
import { caseRepository } from '#shared/case-repository';
import { caseReferenceFormatFromEnv } from '#shared/case-reference-format';
import {
  assignFromTriageBodySchema,
  decisionBodySchema,
  CASEWORKER_API_ROUTES,
  caseReferenceSchema,
  importCasesBodySchema,
  MAX_IMPORT_CSV_CHARS,
  MAX_IMPORT_ROWS,
  messageIdSchema,
  openCaseBodySchema,
  reassignDocumentBodySchema,
  confirmDocumentBodySchema,
  sha256Schema,
  type CaseworkerApiRouteName,
} from '#events/caseworker-api-requests';
import { createCaseReferenceMatcher } from '#domain/case-reference';
import { DynamoDbTriageRepository } from '#adapters/dynamodb-triage-repository';
import { AssignFromTriage, AssignmentError } from '#use-cases/assign-from-triage';
import { ImportCases } from '#use-cases/import-cases';
import { CaseExistsError, InvalidCaseError, OpenCase } from '#use-cases/open-case';
import { ReassignDocument, ReassignmentError } from '#use-cases/reassign-document';
import { ConfirmDocument } from '#use-cases/confirm-document';
import { CaseNotFoundError, RecordDocuments } from '#use-cases/record-documents';
import { ShowCase } from '#use-cases/show-case';
import { csvImportRows, UnreadableCsvError } from '#adapters/csv-case-rows';
import { defaultCaseworker } from '#shared/caseworker-mailbox';
import { stepFunctions } from '#clients/sfn';
import { optionalEnv } from '#shared/env';
import { s3 } from '#clients/s3';
import { eraseCaseWiring } from '#shared/erasure-wiring';
import { officeTimeZoneFromEnv } from '#shared/office-settings';
import { StepFunctionsDecisionStarter } from '#adapters/step-functions-decision-starter';
import { DecisionWorkflowApplicantNotices } from '#adapters/decision-workflow-applicant-notices';
import { InvalidDecisionError, StartDecision } from '#use-cases/start-decision';
import { StepFunctionsWorkflowStarter } from '#adapters/step-functions-workflow-starter';
import { RetryHeldMessage, RetryRefusedError } from '#use-cases/retry-held-message';

type Event = APIGatewayProxyEvent;
type Result = APIGatewayProxyResult;

const table = requireEnv('TABLE_NAME');
const cases = caseRepository(dynamoDb, table);
const triage = new DynamoDbTriageRepository(dynamoDb, table);
const references = createCaseReferenceMatcher(caseReferenceFormatFromEnv());
const decisionStateMachine = optionalEnv('STATE_MACHINE_ARN');
// Applicant emails on opening a case and assigning from triage go through the DecisionWorkflow.
const notices =
  decisionStateMachine === undefined
    ? {}
    : {
        notices: new DecisionWorkflowApplicantNotices(
          new StepFunctionsDecisionStarter(stepFunctions, decisionStateMachine),
        ),
      };
const openCase = new OpenCase({ cases, references, defaultCaseworker: defaultCaseworker(), ...notices });
const importCases = new ImportCases(openCase, cases);
/** Whether an import tells each new applicant (stage config `notifyOnImport`) unless the body says. */
const notifyOnImport = optionalEnv('NOTIFY_ON_IMPORT') === 'true';
const showCase = new ShowCase(cases);
const reassignDocument = new ReassignDocument(cases);
const confirmDocument = new ConfirmDocument(cases);
const assignFromTriage = new AssignFromTriage({
  triage,
  cases,
  record: new RecordDocuments(cases),
  ...notices,
});
const startDecision =
  decisionStateMachine === undefined
    ? null
    : new StartDecision({
        cases,
        starter: new StepFunctionsDecisionStarter(stepFunctions, decisionStateMachine),
        timeZone: officeTimeZoneFromEnv(),
      });
const intakeStateMachine = optionalEnv('INTAKE_STATE_MACHINE_ARN');
const retryHeldMessage =
  intakeStateMachine === undefined
    ? null
    : new RetryHeldMessage({
        triage,
        starter: new StepFunctionsWorkflowStarter(stepFunctions, intakeStateMachine),
      });

const documentBucket = optionalEnv('DOCUMENT_BUCKET');
const inboundBucket = optionalEnv('INBOUND_BUCKET');
const eraseCase =
  documentBucket === undefined || inboundBucket === undefined
    ? null
    : eraseCaseWiring({ db: dynamoDb, table, s3, documentBucket, inboundBucket });

// Answers carry personal data: no cache between the caseworker and the API may keep them.
const NO_STORE = { 'Cache-Control': 'no-store' };

/** A 4xx answer: `{ "error": ..., "problems": [...] }`, rendered by `@middy/http-error-handler`. */
class HttpProblem extends Error {
  readonly statusCode: number;
  readonly expose = true;
  readonly headers: Record<string, string>;
  constructor(statusCode: number, error: string, problems: readonly string[] = [], headers = {}) {
    super(JSON.stringify({ error, problems }));
    this.name = 'HttpProblem';
    this.statusCode = statusCode;
    this.headers = { ...NO_STORE, ...headers };
  }
}

const json = (statusCode: number, body: unknown): Result => ({
  statusCode,
  headers: { 'Content-Type': 'application/json', ...NO_STORE },
  body: JSON.stringify(body),
});

/** Validates a path or body against its schema; a mismatch is a 400 naming each problem. */
function parse<T extends z.ZodType>(schema: T, value: unknown, part: 'path' | 'body'): z.output<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new HttpProblem(
    400,
    `invalid request ${part}`,
    result.error.issues.map((i) => (i.path.length > 0 ? `${i.path.join('.')}: ${i.message}` : i.message)),
  );
}

const referencePath = z.object({ reference: caseReferenceSchema(references) });
const documentPath = referencePath.extend({ sha256: sha256Schema });
const triagePath = z.object({ messageId: messageIdSchema });
const assignBody = assignFromTriageBodySchema(references);

/** What each route does: validate, call one use case, shape the answer. */
const routes: Record<CaseworkerApiRouteName, (event: Event) => Promise<Result>> = {
  async openCase(event) {
    const body = parse(openCaseBodySchema, event.body, 'body');
    const result = await openCase.run({
      applicantName: body.name,
      contacts: body.emails,
      reference: body.reference,
      language: body.language,
      requestType: body.type,
      caseworker: body.caseworker,
      birthDate: body.birthDate,
    });
    return json(201, result);
  },

  async importCases(event) {
    const { csv, notify } = parse(importCasesBodySchema, event.body, 'body');
    const split = 'split the file and send the parts one by one';
    if (csv.length > MAX_IMPORT_CSV_CHARS)
      throw new HttpProblem(413, 'import too large', [
        `at most ${MAX_IMPORT_CSV_CHARS} characters; ${split}`,
      ]);
    let rows;
    try {
      rows = csvImportRows(csv);
    } catch (error) {
      throw new HttpProblem(
        422,
        'the CSV cannot be read',
        error instanceof UnreadableCsvError
          ? error.problems
          : [error instanceof Error ? error.message : String(error)],
      );
    }
    if (rows.length > MAX_IMPORT_ROWS)
      throw new HttpProblem(413, 'import too large', [
        `${rows.length} rows, at most ${MAX_IMPORT_ROWS}; ${split}`,
      ]);
    return json(200, await importCases.run(rows, { notify: notify ?? notifyOnImport }));
  },

  async showCase(event) {
    const { reference } = parse(referencePath, event.pathParameters, 'path');
    const view = await showCase.run(reference);
    if (view !== null) return json(200, view);
    // Erased on request: 410 with the tombstone (counts, when, by whom; no personal data).
    const tombstone = eraseCase === null ? null : await eraseCase.tombstone(reference);
    if (tombstone !== null) return json(410, { error: `case ${reference} was erased`, tombstone });
    throw new HttpProblem(404, `no case ${reference}`);
  },

  async eraseCase(event) {
    const { reference } = parse(referencePath, event.pathParameters, 'path');
    if (eraseCase === null) throw new Error('Erasure is not configured (DOCUMENT_BUCKET, INBOUND_BUCKET)');
    // Who asked is the caller's IAM principal, as API Gateway authenticated it.
    const principal = event.requestContext?.identity?.userArn ?? 'unknown IAM principal';
    const result = await eraseCase.run(reference, principal);
    if (result === null) throw new HttpProblem(404, `no case ${reference}`);
    return json(200, result);
  },

  async reassignDocument(event) {
    const { reference, sha256 } = parse(documentPath, event.pathParameters, 'path');
    const { checklistItem } = parse(reassignDocumentBodySchema, event.body, 'body');
    try {
      await reassignDocument.run(reference, sha256, checklistItem);
    } catch (error) {
      if (!(error instanceof ReassignmentError)) throw error;
      // The error does not say which check failed; on this path only, ask whether the document
      // is there: if it is, the checklist item was the problem.
      const documents = await cases.documents(reference);
      const known = documents.some((d) => d.sha256 === sha256);
      throw new HttpProblem(known ? 422 : 404, error.message);
    }
    return { statusCode: 204, headers: NO_STORE, body: '' };
  },

  async confirmDocument(event) {
    const { reference, sha256 } = parse(documentPath, event.pathParameters, 'path');
    const { checklistItem } = parse(confirmDocumentBodySchema, event.body, 'body');
    // Who confirmed is the caller's IAM principal, as API Gateway authenticated it.
    const principal = event.requestContext?.identity?.userArn ?? 'unknown IAM principal';
    try {
      await confirmDocument.run(reference, sha256, principal, checklistItem);
    } catch (error) {
      if (!(error instanceof ReassignmentError)) throw error;
      const known = (await cases.documents(reference)).some((d) => d.sha256 === sha256);
      throw new HttpProblem(known ? 422 : 404, error.message);
    }
    return { statusCode: 204, headers: NO_STORE, body: '' };
  },

  async listTriage() {
    return json(200, await triage.list());
  },

  async assignFromTriage(event) {
    const { messageId } = parse(triagePath, event.pathParameters, 'path');
    const body = parse(assignBody, event.body, 'body');
    try {
      const result = await assignFromTriage.run(messageId, body.reference, {
        addContact: body.addContact ?? false,
      });
      return json(200, result);
    } catch (error) {
      if (!(error instanceof AssignmentError || error instanceof CaseNotFoundError)) throw error;
      // Unknown message or case: 404. Both there: the entry cannot be assigned as it is (held
      // before it was read, or no sender to add as a contact), a conflict with its state.
      const known = (await triage.get(messageId)) !== null && (await cases.get(body.reference)) !== null;
      throw new HttpProblem(known ? 409 : 404, error.message);
    }
  },

  async retryFromTriage(event) {
    const { messageId } = parse(triagePath, event.pathParameters, 'path');
    if (retryHeldMessage === null)
      throw new Error('The IntakeWorkflow is not configured (INTAKE_STATE_MACHINE_ARN)');
    try {
      const result = await retryHeldMessage.run(messageId);
      return json(result.outcome === 'started' ? 202 : 200, result);
    } catch (error) {
      if (!(error instanceof RetryRefusedError)) throw error;
      // Unknown message: 404. In triage but not held, or held without its input: a conflict.
      throw new HttpProblem(error.problem === 'not-found' ? 404 : 409, error.message);
    }
  },

  async decide(event) {
    const { reference } = parse(referencePath, event.pathParameters, 'path');
    const body = parse(decisionBodySchema, event.body, 'body');
    if (startDecision === null) throw new Error('The DecisionWorkflow is not configured (STATE_MACHINE_ARN)');
    try {
      const result = await startDecision.run(
        body.kind === 'query'
          ? { kind: 'query', caseReference: reference, text: body.text }
          : body.kind === 'cancellation'
            ? { kind: 'cancellation', caseReference: reference }
            : { kind: 'invitation', caseReference: reference, appointmentAt: body.at },
      );
      return json(result.outcome === 'started' ? 202 : 200, result);
    } catch (error) {
      if (!(error instanceof InvalidDecisionError)) throw error;
      const known = (await cases.get(reference)) !== null;
      throw new HttpProblem(known ? 422 : 404, error.message);
    }
  },
};

/** A route's handler; routes with a body parse it as JSON first (415 unless it is JSON). */
function routeHandler(name: CaseworkerApiRouteName): Route<Event, Result>['handler'] {
  const run = routes[name];
  if (!CASEWORKER_API_ROUTES[name].body) return run;
  return middy<Event, Result>().use(httpJsonBodyParser<Event>()).handler<Event, Result>(run);
}

const routePatterns = Object.values(CASEWORKER_API_ROUTES).map((route) => ({
  method: route.method,
  pattern: new RegExp(`^${route.path.replace(/\{[^/]+\}/g, '[^/]+')}/?$`),
}));

/** No route for this method and path: 405 with `Allow` when the path exists, else 404. */
function noRoute({ method, path }: { method: string; path: string }): never {
  const allowed = routePatterns.filter((r) => r.pattern.test(path)).map((r) => r.method);
  if (allowed.length > 0)
    throw new HttpProblem(405, `${method} is not allowed here`, [], { Allow: allowed.join(', ') });
  throw new HttpProblem(404, 'no such route');
}

/** Turns every error into the API's answer; unexpected ones become a 500 that says nothing. */
const problemResponses = (): MiddlewareObj<Event, Result> => ({
  onError(request) {
    const error = request.error;
    if (error instanceof HttpProblem) return;
    if (error instanceof InvalidCaseError) {
      request.error = new HttpProblem(422, 'the case cannot be opened', error.problems);
    } else if (error instanceof CaseExistsError) {
      // Never a 200 with the case that is there: it can be someone else's.
      request.error = new HttpProblem(409, 'the case exists already', [error.message]);
    } else if (isBodyParserError(error) && error.statusCode === 415) {
      request.error = new HttpProblem(415, 'the body must be JSON (Content-Type: application/json)');
    } else if (isBodyParserError(error)) {
      request.error = new HttpProblem(400, 'the body is not valid JSON');
    } else {
      // Name and code location only: messages of unexpected errors can quote data.
      const where = error?.stack?.split('\n').find((line) => line.trim().startsWith('at '));
      const code = (error as { code?: unknown } | null)?.code;
      logger.error('Caseworker API request failed', {
        errorName: error?.name,
        ...(typeof code === 'string' ? { errorCode: code } : {}),
        at: where?.trim(),
      });
    }
  },
});

function isBodyParserError(error: unknown): error is Error & { statusCode: number } {
  const cause = (error as { cause?: { package?: unknown } } | null)?.cause;
  return cause?.package === '@middy/http-json-body-parser';
}

/**
 * The audit line of every request: method, route template, status and the caller's IAM
 * principal. Never the path (it holds the case reference), the query or the body.
 */
const auditLog = (): MiddlewareObj<Event, Result> => {
  const log = (request: middy.Request<Event, Result>): void => {
    const status = request.response?.statusCode ?? 500;
    (status >= 500 ? logger.error : logger.info).call(logger, 'Caseworker API request', {
      method: request.event.httpMethod,
      route: request.event.resource,
      status,
      principal: request.event.requestContext?.identity?.userArn ?? null,
      apiRequestId: request.event.requestContext?.requestId,
    });
  };
  return { after: log, onError: log };
};

/**
 * The caseworker API behind API Gateway (IAM-authorised, Lambda proxy): cases, triage and
 * document reassignment, as the CLI offers them. JSON in and out; errors are
 * `{ "error": ..., "problems": [...] }` with 400 (shape), 404, 405, 409, 413, 415 or 422.
 */
export const handler = middy<Event, Result>()
  // Attached first, so its onError runs last and sees the final status.
  .use(auditLog())
  .use(
    httpErrorHandler({
      logger: false, // its logger prints the error with its cause, which can hold the body
      fallbackMessage: JSON.stringify({ error: 'internal error', problems: [] }),
    }),
  )
  .use(problemResponses())
  .use(httpHeaderNormalizer())
  .handler(
    httpRouterHandler<Event, Result>({
      routes: (Object.keys(CASEWORKER_API_ROUTES) as CaseworkerApiRouteName[]).map((name) => ({
        method: CASEWORKER_API_ROUTES[name].method,
        path: CASEWORKER_API_ROUTES[name].path,
        handler: routeHandler(name),
      })),
      notFoundResponse: noRoute,
    }),
  );
