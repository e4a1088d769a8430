import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { HashingDocumentStore } from '../functions/adapters/hashing-document-store.ts';
import { MailparserEmailParser } from '../functions/adapters/mailparser-email-parser.ts';
import { createCaseReferenceMatcher } from '../functions/domain/case-reference.ts';
import { caseReferenceFormatFromEnv } from '../functions/shared/case-reference-format.ts';
import { ParseEmail } from '../functions/use-cases/parse-email.ts';
import { displayLine, safeJson } from '../functions/domain/display-text.ts';

/** `intake parse FILE [--json]`: parses without storing. Exit 0 for any file, however broken. */
export async function parseCommand(
  file: string,
  json: boolean,
  out: (text: string) => void,
): Promise<number> {
  const info = await stat(file).catch(() => null);
  if (info === null || !info.isFile()) {
    out(`intake parse: ${file} is not a readable file`);
    return 1;
  }
  const parseEmail = new ParseEmail({
    parser: new MailparserEmailParser(),
    documents: new HashingDocumentStore(),
    references: createCaseReferenceMatcher(caseReferenceFormatFromEnv()),
  });
  const result = await parseEmail.run(createReadStream(file), null);
  const report = { ...result, attachments: result.attachments.map(({ location: _location, ...a }) => a) };
  if (json) {
    out(safeJson(report));
    return 0;
  }
  out(`Message-ID:     ${displayLine(report.messageId ?? '(none)')}`);
  out(`From:           ${displayLine(report.from ?? '(none)')}`);
  out(`To:             ${report.to.map(displayLine).join(', ') || '(none)'}`);
  out(`Subject:        ${displayLine(report.subject ?? '(none)')}`);
  out(`Date:           ${report.date ?? '(none)'}`);
  out(`Case reference: ${report.caseReference ?? '(none found)'}`);
  out(`Automatic mail: ${report.autoSubmitted ? `yes (${report.automaticReason})` : 'no'}`);
  out(`Attachments:    ${report.attachments.length}`);
  for (const a of report.attachments) {
    const verdict = a.accepted ? 'accepted' : `held: ${a.reason}`;
    out(
      `  - ${displayLine(a.filename ?? '(no name)')}  ${a.kind}  ${displayLine(a.detectedType ?? a.contentType)}  ${a.size} bytes  ${verdict}`,
    );
  }
  if (report.newText.trim() !== '') {
    out('New text (without quoted history):');
    for (const line of report.newText.split('\n')) out(`  ${line}`);
  }
  for (const problem of report.problems) out(`Problem:        ${displayLine(problem)}`);
  return 0;
}
