/**
 * `npm run bench:console`: how long the console takes to answer `GET /cases/{reference}` for a
 * case with 50 documents and 100 emails, on DynamoDB Local with the table as the CDK app defines
 * it (the same adapters `npm start` uses), and how much of that is rendering. Prints numbers;
 * the target is under 300 ms locally.
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { SFNClient } from '@aws-sdk/client-sfn';
import { ensureTable, freePort, startDynamoDb } from '../local/emulators.ts';
import { synthesizeApp } from '../local/synthesized-app.ts';
import { createConsoleApp } from '../functions/console/app.ts';
import { localSignIn } from '../functions/console/sign-in.ts';
import { consoleUseCases } from '../functions/console/wiring.ts';
import { invitationTextsFrom } from '../functions/shared/office-settings.ts';
import { sealSession } from '../functions/console/session.ts';

const DOCUMENTS = 50;
const EMAILS = 100;
const RUNS = 30;

const app = await synthesizeApp();
const [[tableName, properties]] = [...app.tables] as [[string, Record<string, unknown>]];
const dynamo = await startDynamoDb(await freePort(), null);
try {
  await ensureTable(dynamo.client, tableName, properties);
  const db = DynamoDBDocumentClient.from(dynamo.client, { marshallOptions: { removeUndefinedValues: true } });
  const useCases = consoleUseCases({
    db,
    table: tableName,
    stepFunctions: new SFNClient({ region: 'eu-west-1' }),
    decisionStateMachineArn: 'arn:aws:states:eu-west-1:000000000000:stateMachine:none',
    intakeStateMachineArn: null,
    defaultCaseworker: 'team@intake.example.org',
    settings: invitationTextsFrom({}),
    env: {},
  });
  const { reference } = await useCases.openCase.run({
    applicantName: 'Bench Mark',
    contacts: ['bench@example.org'],
  });
  const items = (await useCases.cases.get(reference))!.checklist.items;
  for (let i = 0; i < DOCUMENTS; i += 1) {
    const sha256 = i.toString(16).padStart(64, '0');
    await useCases.cases.addDocument(reference, {
      sha256,
      filename: `Dokument ${i}.pdf`,
      detectedType: i % 3 === 0 ? 'image/jpeg' : 'application/pdf',
      size: 100_000 + i,
      checklistItem: items[i % items.length]!.id,
      assignedBy: 'recognition',
      messageId: `in${i}`,
      receivedAt: new Date(Date.UTC(2026, 10, 1, 8, i)).toISOString(),
      location: { bucket: 'docs', key: `documents/${sha256}` },
    });
  }
  for (let i = 0; i < EMAILS; i += 1) {
    await useCases.cases.appendLog(reference, {
      direction: i % 2 === 0 ? 'in' : 'out',
      at: new Date(Date.UTC(2026, 10, 1, 9, i)).toISOString(),
      messageId: `msg${i}`,
      from: 'bench@example.org',
      to: ['unterlagen@intake.example.org'],
      subject: `Unterlagen ${i} zu ${reference}`,
      documents: [],
      held: i % 10 === 0 ? [{ filename: 'makro.docm', reason: 'macro-enabled' }] : [],
      note: 'matched by reference',
    });
  }
  const sessionKey = randomBytes(32);
  const consoleApp = createConsoleApp({
    sessionKey,
    signIn: localSignIn(),
    documents: { respond: async () => new Response(null) },
    rawMail: { inboundLocation: (id) => ({ bucket: 'in', key: id }), readText: async () => null },
    useCases,
    timeZone: 'Europe/Berlin',
  });
  const cookie = `intake-session=${sealSession(
    { caseworker: 'bench@example.org', csrf: 'x', expires: Math.floor(Date.now() / 1000) + 3600 },
    sessionKey,
  )}`;
  const timings: number[] = [];
  let bytes = 0;
  for (let run = 0; run < RUNS + 3; run += 1) {
    const started = performance.now();
    const response = await consoleApp.request(`http://127.0.0.1/cases/${reference}`, { headers: { cookie } });
    const body = await response.text();
    if (response.status !== 200) throw new Error(`GET answered ${response.status}`);
    if (run >= 3) timings.push(performance.now() - started); // the first runs warm up JIT and connections
    bytes = body.length;
  }
  timings.sort((a, b) => a - b);
  const at = (q: number): string =>
    timings[Math.min(timings.length - 1, Math.floor(q * timings.length))]!.toFixed(1);
  console.log(`case page with ${DOCUMENTS} documents and ${EMAILS} emails (DynamoDB Local, ${RUNS} runs):`);
  console.log(
    `  median ${at(0.5)} ms, p90 ${at(0.9)} ms, max ${at(1)} ms; page ${(bytes / 1024).toFixed(0)} KiB`,
  );
} finally {
  await dynamo.stop();
}
