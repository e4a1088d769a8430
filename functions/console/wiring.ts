import type { SFNClient } from '@aws-sdk/client-sfn';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoDbCaseActivityLog } from '../adapters/dynamodb-case-activity-log.ts';
import { DynamoDbCaseDirectory } from '../adapters/dynamodb-case-directory.ts';
import { DynamoDbTriageRepository } from '../adapters/dynamodb-triage-repository.ts';
import { StepFunctionsDecisionStarter } from '../adapters/step-functions-decision-starter.ts';
import { StepFunctionsWorkflowStarter } from '../adapters/step-functions-workflow-starter.ts';
import { createCaseReferenceMatcher } from '../domain/case-reference.ts';
import { caseReferenceFormatFromEnv } from '../shared/case-reference-format.ts';
import { caseRepository } from '../shared/case-repository.ts';
import { AssignFromTriage } from '../use-cases/assign-from-triage.ts';
import { CloseCase } from '../use-cases/close-case.ts';
import { DismissTriage } from '../use-cases/dismiss-triage.ts';
import { HandOutDocument } from '../use-cases/hand-out-document.ts';
import { MarkChecklistItem } from '../use-cases/mark-checklist-item.ts';
import { OpenCase } from '../use-cases/open-case.ts';
import { PreviewDecision, type PreviewSettings } from '../use-cases/preview-decision.ts';
import { ReassignDocument } from '../use-cases/reassign-document.ts';
import { RecordDocuments } from '../use-cases/record-documents.ts';
import { RetryHeldMessage } from '../use-cases/retry-held-message.ts';
import { ShowCase } from '../use-cases/show-case.ts';
import { StartDecision } from '../use-cases/start-decision.ts';
import type { ConsoleUseCases } from './deps.ts';

/**
 * The console's use cases on the real adapters: one place, for `npm start` and for the Lambda
 * handler, so the two cannot differ.
 */
export function consoleUseCases(options: {
  readonly db: DynamoDBDocumentClient;
  readonly table: string;
  readonly stepFunctions: SFNClient;
  readonly decisionStateMachineArn: string | null;
  readonly intakeStateMachineArn: string | null;
  readonly defaultCaseworker: string;
  readonly settings: PreviewSettings;
  readonly triageRetentionDays?: number;
  readonly env?: NodeJS.ProcessEnv;
}): ConsoleUseCases {
  const { db, table } = options;
  const cases = caseRepository(db, table, options.env);
  const triage = new DynamoDbTriageRepository(
    db,
    table,
    options.triageRetentionDays === undefined ? {} : { retentionDays: options.triageRetentionDays },
  );
  const activity = new DynamoDbCaseActivityLog(db, table);
  return {
    cases,
    directory: new DynamoDbCaseDirectory(db, table),
    triage,
    activity,
    showCase: new ShowCase(cases),
    openCase: new OpenCase({
      cases,
      references: createCaseReferenceMatcher(caseReferenceFormatFromEnv(options.env)),
      defaultCaseworker: options.defaultCaseworker,
    }),
    assignFromTriage: new AssignFromTriage({ triage, cases, record: new RecordDocuments(cases) }),
    dismissTriage: new DismissTriage({ triage, dismissals: triage }),
    retryHeldMessage:
      options.intakeStateMachineArn === null
        ? null
        : new RetryHeldMessage({
            triage,
            starter: new StepFunctionsWorkflowStarter(options.stepFunctions, options.intakeStateMachineArn),
          }),
    reassignDocument: new ReassignDocument(cases),
    markChecklistItem: new MarkChecklistItem({ cases, marks: cases, activity }),
    closeCase: new CloseCase({ cases, activity }),
    startDecision:
      options.decisionStateMachineArn === null
        ? null
        : new StartDecision({
            cases,
            starter: new StepFunctionsDecisionStarter(options.stepFunctions, options.decisionStateMachineArn),
            timeZone: options.settings.timeZone,
          }),
    previewDecision: new PreviewDecision({ cases, settings: options.settings }),
    handOutDocument: new HandOutDocument({ cases, activity }),
  };
}
