import { readFile } from 'node:fs/promises';
import { csvDelimiter, csvImportRows, type CsvDelimiter } from '../functions/adapters/csv-case-rows.ts';
import { decodeCsv, type CsvEncoding } from '../functions/adapters/csv-decoding.ts';
import { defaultCaseworker } from '../functions/shared/caseworker-mailbox.ts';
import { DynamoDbTriageRepository } from '../functions/adapters/dynamodb-triage-repository.ts';
import { createCaseReferenceMatcher } from '../functions/domain/case-reference.ts';
import { caseReferenceFormatFromEnv } from '../functions/shared/case-reference-format.ts';
import { caseRepository } from '../functions/shared/case-repository.ts';
import { officeTimeZoneFromEnv } from '../functions/shared/office-settings.ts';
import { AssignFromTriage } from '../functions/use-cases/assign-from-triage.ts';
import { ImportCases, type ImportRow } from '../functions/use-cases/import-cases.ts';
import { OpenCase } from '../functions/use-cases/open-case.ts';
import { ReassignDocument } from '../functions/use-cases/reassign-document.ts';
import { ConfirmDocument } from '../functions/use-cases/confirm-document.ts';
import { RecordDocuments } from '../functions/use-cases/record-documents.ts';
import { ShowCase } from '../functions/use-cases/show-case.ts';
import { StartDecision } from '../functions/use-cases/start-decision.ts';
import { StepFunctionsDecisionStarter } from '../functions/adapters/step-functions-decision-starter.ts';
import { eraseCaseWiring } from '../functions/shared/erasure-wiring.ts';
import type { EraseCase } from '../functions/use-cases/erase-case.ts';
import { TargetUnavailableError } from './target.ts';
import { DecisionWorkflowApplicantNotices } from '../functions/adapters/decision-workflow-applicant-notices.ts';
import type { Target } from './target.ts';

export function caseUseCases(target: Target) {
  const cases = caseRepository(target.db, target.tableName);
  const triage = new DynamoDbTriageRepository(target.db, target.tableName);
  // Applicant emails go through the DecisionWorkflow (the CLI itself sends no mail); where it is
  // not known (INTAKE_TARGET=aws without its ARN), nothing is sent.
  const notices =
    target.decisionStateMachineArn === null
      ? undefined
      : new DecisionWorkflowApplicantNotices(
          new StepFunctionsDecisionStarter(target.stepFunctions, target.decisionStateMachineArn),
        );
  const openCase = new OpenCase({
    cases,
    references: createCaseReferenceMatcher(caseReferenceFormatFromEnv()),
    defaultCaseworker: defaultCaseworker(),
    ...(notices === undefined ? {} : { notices }),
  });
  const record = new RecordDocuments(cases);
  return {
    openCase,
    importCases: new ImportCases(openCase, cases),
    showCase: new ShowCase(cases),
    assignFromTriage: new AssignFromTriage({
      triage,
      cases,
      record,
      ...(notices === undefined ? {} : { notices }),
    }),
    reassignDocument: new ReassignDocument(cases),
    confirmDocument: new ConfirmDocument(cases),
    eraseCase(): EraseCase {
      if (target.inboundBucket === null) {
        throw new TargetUnavailableError(
          'The inbound bucket is not known here (set INTAKE_INBOUND_BUCKET): raw emails could not be erased',
        );
      }
      return eraseCaseWiring({
        db: target.db,
        table: target.tableName,
        s3: target.s3,
        documentBucket: target.documentBucket,
        inboundBucket: target.inboundBucket,
      });
    },
    startDecision(): StartDecision {
      if (target.decisionStateMachineArn === null) {
        throw new TargetUnavailableError(
          'The DecisionWorkflow is not known here (set INTAKE_DECISION_STATE_MACHINE_ARN)',
        );
      }
      return new StartDecision({
        cases,
        starter: new StepFunctionsDecisionStarter(target.stepFunctions, target.decisionStateMachineArn),
        timeZone: officeTimeZoneFromEnv(),
      });
    },
  };
}

/** A CSV file's import rows, with the encoding and separator it was read with. */
export async function readCsvImportRows(
  file: string,
): Promise<{ rows: ImportRow[]; encoding: CsvEncoding; delimiter: CsvDelimiter }> {
  const { text, encoding } = decodeCsv(await readFile(file));
  const delimiter = csvDelimiter(text);
  return { rows: csvImportRows(text, delimiter), encoding, delimiter };
}
