import { parseArgs } from 'node:util';
import { outboxCommand } from './outbox-command.ts';
import { parseCommand } from './parse-command.ts';
import { connect, TargetUnavailableError } from './target.ts';
import { triageListCommand } from './triage-command.ts';

const usage = `Usage: intake <command> [options]

  parse FILE.eml [--json]     parse an email without storing anything
  outbox [--json]             what the system has sent (its own copies), oldest first
  triage list [--json]        messages waiting for a person

Talks to the local pipeline (\`npm start\`) by default; INTAKE_TARGET=aws with
INTAKE_TABLE_NAME and INTAKE_DOCUMENT_BUCKET talks to AWS.
Case commands (case open/show/import, triage assign, decide) come with case management.`;

const out = (text: string): void => {
  process.stdout.write(`${text}\n`);
};

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [command, ...rest] = positionals;
  const json = values.json ?? false;
  if (values.help || command === undefined) {
    out(usage);
    return command === undefined && !values.help ? 2 : 0;
  }
  switch (command) {
    case 'parse': {
      const [file] = rest;
      if (file === undefined) {
        out('intake parse: name the .eml file to parse');
        return 2;
      }
      return parseCommand(file, json, out);
    }
    case 'outbox':
      return outboxCommand(await connect(), json, out);
    case 'triage':
      if (rest[0] === 'list') return triageListCommand(await connect(), json, out);
      break;
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
  } else {
    process.stderr.write(
      `intake: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}\n`,
    );
    process.exitCode = 1;
  }
}
