import { parseArgs } from 'node:util';
import { displayLine, displayText, safeJson } from '../functions/domain/display-text.ts';
import type { CsvEncoding } from '../functions/adapters/csv-decoding.ts';
import { connect, TargetUnavailableError } from './target.ts';

// Each command imports what it needs when it runs (`await import(...)` in its branch), so that
// `intake parse` does not load the AWS SDK, `intake --help` loads neither the SDK nor mailparser,
// and a command that cannot reach its target fails before loading the use cases.
// bench/cli-startup.ts measures it.

const usage = `Usage: intake <command> [options]

  parse FILE.eml [--json]                      parse an email without storing anything
  case open --name N --email E [--email E2] [--language de|en|tr|uk|ar|ru] [--type T] [--reference R] [--caseworker C]
            [--birth-date YYYY-MM-DD]        (compared with a passport's machine-readable zone)
                                               open a case (the applicant gets the checklist and where to send);
                                               prints its reference on the last line
  case show REFERENCE [--json]                 a case: checklist state, documents, message log
  case erase REFERENCE [--yes] [--caseworker C]
                                               erase a case on request (GDPR Art. 17): its documents, emails,
                                               sent copies and triage entries; a tombstone keeps the reference
  case reassign REFERENCE SHA256 ITEM|none     put a document under another checklist item
  case confirm REFERENCE SHA256 [ITEM|none] [--caseworker WHO]
                                               confirm a recognised document ("zu bestätigen"), or place it
  case import FILE.csv [--notify]              import cases (columns: reference,name,email,language,type,caseworker;
                                               UTF-8, UTF-16 or Windows-1252, separated by , ; or tabs);
                                               --notify sends each new case's applicant the checklist (as case open does)
  triage list [--json]                         messages waiting for a person
  triage assign MESSAGE_ID REFERENCE [--add-contact]
                                               this email belongs to that case (optionally register its sender);
                                               the case's contacts get the acknowledgement a matched email gets
  triage retry MESSAGE_ID                      process a message held after a failure again (nothing is done twice)
  decide REFERENCE --query "text"              ask the applicant (your text plus the missing items); reminds once
  decide REFERENCE --invite --at ISO_DATETIME  invite to the Service Point (a time without offset is the office's local time), with a calendar file; reminds the day before;
                                               replaces an appointment still pending (same calendar entry)
  decide REFERENCE --cancel                    cancel the pending appointment (calendar cancellation; no reminder)
  outbox [--json]                              what the system has sent (its own copies), oldest first

Talks to the local pipeline (\`npm start\`) by default; INTAKE_TARGET=aws with
INTAKE_TABLE_NAME and INTAKE_DOCUMENT_BUCKET talks to AWS (decide also needs
INTAKE_DECISION_STATE_MACHINE_ARN, triage retry INTAKE_STATE_MACHINE_ARN).
Request types: residence-permit-extension (default), first-residence-permit, settlement-permit,
eu-blue-card, family-reunification.`;

/** How the encodings are called where people meet them (Excel's save dialog). */
const ENCODING_NAMES: Record<CsvEncoding, string> = {
  'utf-8': 'UTF-8',
  'utf-16le': 'UTF-16 (Unicode text)',
  'utf-16be': 'UTF-16 (Unicode text)',
  'windows-1252': 'Windows-1252 (Excel’s “CSV”)',
};

// A reader that stopped early (`intake outbox --json | head -1`) closed the pipe: what is left
// to print has no one to read it, so the command ends quietly as other command-line tools do.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

/** Every line the CLI prints: sender-controlled text in it is shown, never interpreted by the terminal. */
const out = (text: string): void => {
  process.stdout.write(`${displayText(text)}\n`);
};

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
      name: { type: 'string' },
      email: { type: 'string', multiple: true },
      language: { type: 'string' },
      type: { type: 'string' },
      reference: { type: 'string' },
      caseworker: { type: 'string' },
      'birth-date': { type: 'string' },
      'add-contact': { type: 'boolean', default: false },
      query: { type: 'string' },
      invite: { type: 'boolean', default: false },
      cancel: { type: 'boolean', default: false },
      at: { type: 'string' },
      yes: { type: 'boolean', default: false },
      notify: { type: 'boolean', default: false },
    },
  });
  const [command, sub, ...rest] = positionals;
  const json = values.json ?? false;
  if (values.help || command === undefined) {
    out(usage);
    return command === undefined && !values.help ? 2 : 0;
  }
  if (command === 'parse') {
    if (sub === undefined) {
      out('intake parse: name the .eml file to parse');
      return 2;
    }
    const { parseCommand } = await import('./parse-command.ts');
    return parseCommand(sub, json, out);
  }
  if (command === 'outbox') {
    const target = await connect();
    const { outboxCommand } = await import('./outbox-command.ts');
    return outboxCommand(target, json, out);
  }
  if (command === 'triage' && sub === 'list') {
    const target = await connect();
    const { triageListCommand } = await import('./triage-command.ts');
    return triageListCommand(target, json, out);
  }

  if (command === 'triage' && sub === 'retry') {
    const [messageId] = rest;
    if (messageId === undefined) {
      out('intake triage retry: give the MESSAGE_ID of a held message (see intake triage list)');
      return 2;
    }
    const target = await connect();
    const { triageRetryCommand } = await import('./triage-command.ts');
    return triageRetryCommand(target, messageId, json, out);
  }

  if (command === 'triage' && sub === 'assign') {
    const [messageId, reference] = rest;
    if (messageId === undefined || reference === undefined) {
      out('intake triage assign: give MESSAGE_ID and REFERENCE');
      return 2;
    }
    const target = await connect();
    const { caseUseCases } = await import('./case-commands.ts');
    const result = await caseUseCases(target).assignFromTriage.run(messageId, reference.toUpperCase(), {
      addContact: values['add-contact'] ?? false,
    });
    out(
      json
        ? safeJson(result)
        : `Assigned to ${result.caseReference}: ${result.added} new document(s), ${result.missing.length} item(s) still missing`,
    );
    return 0;
  }

  if (command === 'decide') {
    const chosen = [values.query !== undefined, values.invite, values.cancel].filter(Boolean).length;
    if (sub === undefined || chosen !== 1) {
      out(
        'intake decide: give the case reference and one of --query "text", --invite --at ISO_DATETIME or --cancel',
      );
      return 2;
    }
    if (values.invite && values.at === undefined) {
      out("intake decide: --invite needs --at ISO_DATETIME (e.g. 2026-12-07T09:30, the office's local time)");
      return 2;
    }
    const caseReference = sub.toUpperCase();
    const target = await connect();
    const { caseUseCases } = await import('./case-commands.ts');
    const result = await caseUseCases(target)
      .startDecision()
      .run(
        values.query !== undefined
          ? { kind: 'query', caseReference, text: values.query }
          : values.cancel
            ? { kind: 'cancellation', caseReference }
            : { kind: 'invitation', caseReference, appointmentAt: values.at! },
      );
    // The appointment as the applicant will read it, so a misread time is seen at once.
    if (result.appointment !== undefined)
      out(`${values.cancel ? 'Abgesagt' : 'Termin'}: ${result.appointment}`);
    if (result.note) out(`Note: ${result.note}`);
    out(
      result.outcome === 'started'
        ? `Started ${result.decisionId}: the email goes out now.`
        : `${result.decisionId} was started before; nothing was sent again.`,
    );
    return 0;
  }

  if (command === 'case' && sub === 'open') {
    if (values.name === undefined || values.email === undefined) {
      out('intake case open: --name and --email are required');
      return 2;
    }
    const { CASE_LANGUAGES, isCaseLanguage } = await import('../functions/domain/case-file.ts');
    if (values.language !== undefined && !isCaseLanguage(values.language)) {
      out(`intake case open: --language is one of ${CASE_LANGUAGES.join(', ')}`);
      return 2;
    }
    const target = await connect();
    const { caseUseCases } = await import('./case-commands.ts');
    const result = await caseUseCases(target).openCase.run({
      applicantName: values.name,
      contacts: values.email,
      ...(values.language ? { language: values.language } : {}),
      ...(values.type ? { requestType: values.type } : {}),
      ...(values.reference ? { reference: values.reference } : {}),
      ...(values.caseworker ? { caseworker: values.caseworker } : {}),
      ...(values['birth-date'] ? { birthDate: values['birth-date'] } : {}),
    });
    out(result.reference);
    return 0;
  }

  if (command === 'case' && sub === 'show') {
    const [reference] = rest;
    if (reference === undefined) {
      out('intake case show: give the case reference');
      return 2;
    }
    const target = await connect();
    const { caseUseCases } = await import('./case-commands.ts');
    const view = await caseUseCases(target).showCase.run(reference.toUpperCase());
    if (view === null) {
      const tombstone =
        target.inboundBucket === null
          ? null
          : await caseUseCases(target).eraseCase().tombstone(reference.toUpperCase());
      if (tombstone !== null) {
        const { tombstoneLines } = await import('./erase-command.ts');
        if (json) out(JSON.stringify({ erased: tombstone }, null, 2));
        else for (const line of tombstoneLines(tombstone)) out(line);
        return 1;
      }
      out(`No case ${reference}`);
      return 1;
    }
    if (json) {
      out(safeJson(view));
      return 0;
    }
    out(`${view.case.reference}  ${view.case.requestType}  ${view.case.status}  (${view.case.language})`);
    out(
      `Applicant: ${displayLine(view.case.applicantName)}  <${view.case.contacts.map(displayLine).join('>, <')}>`,
    );
    out(`Caseworker: ${view.case.caseworker}`);
    out('Checklist:');
    for (const item of view.checklist) {
      const mark = item.fulfilled ? 'x' : item.toConfirm.length > 0 ? '?' : ' ';
      const shortfall = item.shortfall === undefined ? '' : ` (${item.shortfall})`;
      out(`  [${mark}] ${item.label.de}${item.required ? '' : ' (optional)'}${shortfall}`);
    }
    out(`Documents: ${view.documents.length}`);
    for (const d of view.documents) {
      const r = d.recognition;
      const how =
        r === undefined || r.method === null
          ? ''
          : `  (${r.status === 'pending' ? 'noch nicht gelesen; ' : ''}${r.method}, ${Math.round(r.confidence * 100)} %${d.confirmedBy === undefined ? '' : `, bestätigt von ${d.confirmedBy}`})`;
      out(
        `  ${d.receivedAt}  ${displayLine(d.filename ?? '(no name)')}  → ${d.checklistItem ?? 'unassigned'}${how}${d.malwareScan === 'not-scanned' ? '  (not scanned for malware)' : ''}`,
      );
    }
    if (view.toConfirm.length > 0) {
      out(
        `Zu bestätigen: ${view.toConfirm.length}  (intake case confirm ${view.case.reference} SHA256 [ITEM|none])`,
      );
      for (const d of view.toConfirm) {
        const suggestion = d.checklistItem ?? `keiner (vielleicht: ${d.candidates.join(', ') || '–'})`;
        out(`  ${d.sha256}  ${displayLine(d.filename ?? '(no name)')}  → ${suggestion}`);
        for (const note of d.notes) out(`      ${displayLine(note)}`);
      }
    }
    out(`Messages: ${view.log.length}`);
    for (const entry of view.log)
      out(
        `  ${entry.at}  ${entry.direction === 'in' ? '←' : '→'}  ${displayLine(entry.subject ?? '')}  (${displayLine(entry.note)})`,
      );
    return 0;
  }

  if (command === 'case' && sub === 'erase') {
    const [reference] = rest;
    if (reference === undefined) {
      out('intake case erase: give the case reference');
      return 2;
    }
    const target = await connect();
    const { caseEraseCommand } = await import('./erase-command.ts');
    const { createInterface } = await import('node:readline/promises');
    const terminal = process.stdin.isTTY
      ? createInterface({ input: process.stdin, output: process.stdout })
      : null;
    try {
      return await caseEraseCommand(
        target,
        reference.toUpperCase(),
        {
          yes: values.yes ?? false,
          caseworker: values.caseworker,
          ask: terminal === null ? null : (question) => terminal.question(question),
        },
        out,
      );
    } finally {
      terminal?.close();
    }
  }

  if (command === 'case' && sub === 'confirm') {
    const [reference, sha256, item] = rest;
    if (reference === undefined || sha256 === undefined) {
      out(
        'intake case confirm: give REFERENCE and SHA256 (and a checklist item, or none, to place it elsewhere)',
      );
      return 2;
    }
    const { userInfo } = await import('node:os');
    const caseworker = values.caseworker ?? `cli:${userInfo().username}`;
    const target = await connect();
    const { caseUseCases } = await import('./case-commands.ts');
    await caseUseCases(target).confirmDocument.run(
      reference.toUpperCase(),
      sha256.toLowerCase(),
      caseworker,
      item === undefined ? undefined : item === 'none' ? null : item,
    );
    out(
      `Document ${sha256.slice(0, 12)}… of ${reference.toUpperCase()} confirmed${item === undefined ? '' : ` under ${item}`}`,
    );
    return 0;
  }

  if (command === 'case' && sub === 'reassign') {
    const [reference, sha256, item] = rest;
    if (reference === undefined || sha256 === undefined || item === undefined) {
      out('intake case reassign: give REFERENCE, SHA256 and the checklist item (or none)');
      return 2;
    }
    const target = await connect();
    const { caseUseCases } = await import('./case-commands.ts');
    await caseUseCases(target).reassignDocument.run(
      reference.toUpperCase(),
      sha256.toLowerCase(),
      item === 'none' ? null : item,
    );
    out(`Document ${sha256.slice(0, 12)}… of ${reference.toUpperCase()} is now under ${item}`);
    return 0;
  }

  if (command === 'case' && sub === 'import') {
    const [file] = rest;
    if (file === undefined) {
      out('intake case import: name the CSV file');
      return 2;
    }
    const { caseUseCases, readCsvImportRows } = await import('./case-commands.ts');
    const read = await readCsvImportRows(file);
    const report = await caseUseCases(await connect()).importCases.run(read.rows, {
      notify: values.notify ?? false,
    });
    if (json) out(safeJson(report));
    else {
      const separator = read.delimiter === '\t' ? 'tabs' : `"${read.delimiter}"`;
      out(`Read ${file} as ${ENCODING_NAMES[read.encoding]}, columns separated by ${separator}.`);
      out(
        `Imported ${report.created.length} new case(s); ${report.unchanged.length} imported before, left unchanged; ${report.rejected.length} row(s) rejected.`,
      );
      for (const r of report.rejected) out(`  line ${r.line}: ${r.problems.join('; ')}`);
    }
    return report.rejected.length > 0 ? 1 : 0;
  }

  out(`intake: unknown command "${positionals.join(' ')}"\n\n${usage}`);
  return 2;
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  if (error instanceof TargetUnavailableError) {
    process.stderr.write(`${error.message}\n`);
    process.exitCode = 1;
  } else if (
    error instanceof TypeError &&
    'code' in error &&
    String(error.code).startsWith('ERR_PARSE_ARGS')
  ) {
    process.stderr.write(`intake: ${error.message}\n\n${usage}\n`);
    process.exitCode = 2;
  } else {
    // The use cases' own errors: the command that threw one has loaded its module already.
    const { commandErrorReport } = await import('./command-errors.ts');
    const report = commandErrorReport(error);
    process.stderr.write(report.text);
    process.exitCode = report.exitCode;
  }
}
