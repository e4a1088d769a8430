import { readFile } from 'node:fs/promises';
import { csvImportRows } from '../functions/adapters/csv-case-rows.ts';
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
import { RecordDocuments } from '../functions/use-cases/record-documents.ts';
import { ShowCase } from '../functions/use-cases/show-case.ts';
import { StartDecision } from '../functions/use-cases/start-decision.ts';
import { StepFunctionsDecisionStarter } from '../functions/adapters/step-functions-decision-starter.ts';
import { TargetUnavailableError } from './target.ts';
import type { Target } from './target.ts';

export function caseUseCases(target: Target) {
  const cases = caseRepository(target.db, target.tableName);
  const triage = new DynamoDbTriageRepository(target.db, target.tableName);
  const openCase = new OpenCase({
    cases,
    references: createCaseReferenceMatcher(caseReferenceFormatFromEnv()),
    defaultCaseworker: defaultCaseworker(),
  });
  const record = new RecordDocuments(cases);
  return {
    openCase,
    importCases: new ImportCases(openCase),
    showCase: new ShowCase(cases),
    assignFromTriage: new AssignFromTriage({ triage, cases, record }),
    reassignDocument: new ReassignDocument(cases),
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

export async function readCsvImportRows(file: string): Promise<ImportRow[]> {
  return csvImportRows(await readFile(file, 'utf8'));
}
