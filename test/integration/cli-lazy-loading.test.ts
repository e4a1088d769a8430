import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';

const projectRoot = join(import.meta.dirname, '..', '..');
const run = promisify(execFile);

/**
 * Runs `script` as a module of its own in a fresh Node process (so nothing this test process
 * loaded counts) and returns what it printed as JSON. `loaded(name)` in the script says whether
 * a package has been loaded so far.
 */
async function inFreshProcess(script: string, env: NodeJS.ProcessEnv = {}): Promise<unknown> {
  const prelude = `
    import { registerHooks } from 'node:module';
    const urls = new Set();
    registerHooks({ load(url, context, next) { urls.add(url); return next(url, context); } });
    const loaded = (name) => [...urls].some((url) => url.includes('/node_modules/' + name + '/'));
  `;
  const { stdout } = await run(process.execPath, ['--input-type=module', '--eval', `${prelude}\n${script}`], {
    cwd: projectRoot,
    env: { ...process.env, ...env },
  });
  return JSON.parse(stdout);
}

/** Which packages `intake ARGS` loaded, its exit code and stderr, as a person would run it. */
async function packagesLoadedBy(args: readonly string[], env: NodeJS.ProcessEnv = {}) {
  return inFreshProcess(
    `
    const packages = ['@aws-sdk/client-s3', '@aws-sdk/client-dynamodb', '@aws-sdk/client-sfn', 'zod', 'mailparser'];
    process.argv = [process.argv[0], 'intake', ...${JSON.stringify(args)}];
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = () => true;
    process.stderr.write = () => true;
    await import(${JSON.stringify(join(projectRoot, 'cli', 'intake.ts'))});
    write(JSON.stringify({ exitCode: process.exitCode ?? 0, loaded: packages.filter(loaded) }));
    process.exitCode = 0;
    `,
    env,
  );
}

describe('intake loads for each command only what that command uses', () => {
  let dir: string;
  let email: string;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cli-lazy-'));
    email = join(dir, 'tiny.eml');
    await writeFile(
      email,
      'From: a@example.org\r\nTo: intake@abh.example.de\r\nSubject: Hallo\r\n\r\nText\r\n',
    );
    await writeFile(
      join(dir, 'runtime.json'),
      JSON.stringify({
        endpoints: {
          s3: 'http://127.0.0.1:1',
          dynamodb: 'http://127.0.0.1:1',
          stepFunctions: 'http://127.0.0.1:1',
        },
        region: 'eu-central-1',
        credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
        stateMachines: { DecisionWorkflowABC: 'arn:aws:states:eu-central-1:000000000000:stateMachine:d' },
        functionEnvironment: { TABLE_NAME: 'cases', DOCUMENT_BUCKET: 'documents' },
      }),
    );
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('intake parse loads mailparser and no AWS SDK, no zod', async () => {
    assert.deepEqual(await packagesLoadedBy(['parse', email, '--json']), {
      exitCode: 0,
      loaded: ['mailparser'],
    });
  });

  it('intake --help loads neither the AWS SDK nor mailparser', async () => {
    assert.deepEqual(await packagesLoadedBy(['--help']), { exitCode: 0, loaded: [] });
  });

  it('intake triage list without a running pipeline fails before loading any of them', async () => {
    assert.deepEqual(
      await packagesLoadedBy(['triage', 'list'], { INTAKE_DATA_DIR: join(dir, 'nothing-here') }),
      { exitCode: 1, loaded: [] },
    );
  });

  it("connect() creates each client on first use, once, and loads only that client's SDK", async () => {
    const result = await inFreshProcess(
      `
      const { connect } = await import(${JSON.stringify(join(projectRoot, 'cli', 'target.ts'))});
      const target = await connect({ INTAKE_DATA_DIR: ${JSON.stringify(dir)} });
      const afterConnect = loaded('@aws-sdk/client-dynamodb');
      const db = target.db;
      const config = await db.config.endpoint();
      process.stdout.write(JSON.stringify({
        afterConnect,
        sameClient: db === target.db,
        client: db.constructor.name,
        endpoint: config.hostname + ':' + config.port,
        dynamodb: loaded('@aws-sdk/client-dynamodb'),
        s3: loaded('@aws-sdk/client-s3'),
        sfn: loaded('@aws-sdk/client-sfn'),
        stepFunctions: target.stepFunctions.constructor.name,
        decisionStateMachineArn: target.decisionStateMachineArn,
      }));
      `,
    );
    assert.deepEqual(result, {
      afterConnect: false,
      sameClient: true,
      client: 'DynamoDBDocumentClient',
      endpoint: '127.0.0.1:1',
      dynamodb: true,
      s3: false,
      sfn: false,
      stepFunctions: 'SFNClient',
      decisionStateMachineArn: 'arn:aws:states:eu-central-1:000000000000:stateMachine:d',
    });
  });
});
