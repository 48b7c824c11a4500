/**
 * The `workshop` CLI: one of the two doors into src/ (the other is actions/). Each subcommand lives in
 * scripts/commands/<name>.ts; this file only dispatches, prints help and turns errors into exit codes.
 */
import { parseArgs } from 'node:util';
import { type CliIo, type Command, EXIT, UsageError } from './cli/command.ts';
import { commands } from './commands/index.ts';

const HELP_OPTION = { help: { type: 'boolean', short: 'h' } } as const;

function overview(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  const lines = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return [
    'Usage: workshop <command> [options]',
    '',
    'GitOps for AWS data-engineering workshops: one YAML file per cohort under workshops/.',
    '',
    'Commands:',
    ...lines,
    '',
    'Run "workshop <command> --help" for a command\'s options.',
    '',
  ].join('\n');
}

async function runCommand(command: Command, argv: readonly string[], io: CliIo): Promise<number> {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: { ...command.options, ...HELP_OPTION },
      allowPositionals: command.positionals,
      strict: true,
    });
  } catch (error) {
    throw new UsageError(
      error instanceof Error ? error.message.replace(/\. To specify a positional.*$/s, '') : String(error),
    );
  }
  if (parsed.values.help === true) {
    io.stdout.write(`${command.help.trimEnd()}\n`);
    return EXIT.ok;
  }
  return command.run({ values: parsed.values, positionals: parsed.positionals }, io);
}

export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(overview());
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  const command = commands.find((c) => c.name === name);
  try {
    if (!command) throw new UsageError(`unknown command "${name}"; run "workshop --help" for the list`);
    return await runCommand(await command.load(), rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`workshop ${command?.name ?? ''}: ${error.message}\n`.replace('workshop : ', 'workshop: '));
      return EXIT.usage;
    }
    // An internal error is still one clear line; the stack only on request, for developers.
    const message = error instanceof Error ? error.message : String(error);
    io.stderr.write(`workshop ${name}: internal error: ${message}\n`);
    if (io.env.WORKSHOP_DEBUG && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
    return EXIT.usage;
  }
}
