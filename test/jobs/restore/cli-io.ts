/** A captured CLI environment for command tests: stdout and stderr as strings, a working folder and variables. */
import { parseArgs } from 'node:util';
import { type Command, UsageError } from '../../../scripts/cli/command.ts';

export function captureCli(cwd: string, env: Record<string, string> = {}) {
  const out = { stdout: '', stderr: '' };
  return {
    out,
    io: {
      stdout: { write: (c: string) => (out.stdout += c) },
      stderr: { write: (c: string) => (out.stderr += c) },
      cwd,
      env,
    },
  };
}

/** Runs one command the way the entry point does: usage errors become `workshop NAME: message` and exit 2. */
export async function runCommand(command: Command, argv: string[], cwd: string, env: Record<string, string> = {}) {
  const { io, out } = captureCli(cwd, env);
  try {
    const { values, positionals } = parseArgs({ args: argv, options: command.options, strict: true });
    return { code: await command.run({ values, positionals }, io), ...out };
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    return { code: 2, ...out, stderr: `${out.stderr}workshop ${command.name}: ${error.message}\n` };
  }
}
