import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createCaseReferenceMatcher } from '../functions/domain/case-reference.ts';
import { caseReferenceFormatFromEnv } from '../functions/shared/case-reference-format.ts';
import { caseRepository } from '../functions/shared/case-repository.ts';
import { CaseExistsError, OpenCase, type OpenCaseRequest } from '../functions/use-cases/open-case.ts';
import type { RuntimeDescription } from './runtime.ts';

/** Made-up applicants to try the pipeline with (`npm start` seeds them unless INTAKE_SEED=0). */
export const DEMO_CASES: readonly OpenCaseRequest[] = [
  {
    reference: 'ABH-2026-000101',
    applicantName: 'Ayşe Yılmaz',
    contacts: ['ayse.yilmaz@example.org'],
    language: 'de',
    requestType: 'residence-permit-extension',
  },
  {
    reference: 'ABH-2026-000102',
    applicantName: 'John Smith',
    contacts: ['john.smith@example.com'],
    language: 'en',
    requestType: 'eu-blue-card',
  },
  {
    reference: 'ABH-2026-000103',
    applicantName: 'Amira Haddad',
    contacts: ['amira.haddad@example.net', 'family.haddad@example.net'],
    language: 'en',
    requestType: 'family-reunification',
  },
];

/** Opens the demo cases; existing ones stay as they are, so restarting changes nothing. */
export async function seedDemoCases(description: RuntimeDescription, caseworker: string): Promise<string[]> {
  const client = new DynamoDBClient({
    endpoint: description.endpoints.dynamodb,
    region: description.region,
    credentials: description.credentials,
  });
  try {
    const table = description.functionEnvironment.TABLE_NAME;
    if (table === undefined) throw new Error('No function names the table');
    const openCase = new OpenCase({
      cases: caseRepository(DynamoDBDocumentClient.from(client), table),
      references: createCaseReferenceMatcher(caseReferenceFormatFromEnv()),
      defaultCaseworker: caseworker,
    });
    const references: string[] = [];
    for (const request of DEMO_CASES) {
      try {
        references.push((await openCase.run(request)).reference);
      } catch (error) {
        // Seeded on an earlier start: kept as it is (it may have documents by now).
        if (!(error instanceof CaseExistsError)) throw error;
        references.push(error.reference);
      }
    }
    return references;
  } finally {
    client.destroy();
  }
}
