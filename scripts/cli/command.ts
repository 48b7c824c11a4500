/** The shape every `workshop` subcommand has, so the entry point can dispatch, document and test them alike. */
import type { ParseArgsConfig } from 'node:util';
import { timeoutMinutesMs } from '../../src/jobs/common/minutes.ts';

export interface CliIo {
  readonly stdout: { write(chunk: string): unknown };
  readonly stderr: { write(chunk: string): unknown };
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
}

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

export interface Command {
  readonly name: string;
  /** Full help text, printed for `workshop <name> --help`. */
  readonly help: string;
  readonly options: OptionSpec;
  /** Whether positional arguments are accepted. */
  readonly positionals: boolean;
  run(args: ParsedArgs, io: CliIo): Promise<number>;
}

export interface ParsedArgs {
  readonly values: Readonly<Record<string, string | boolean | (string | boolean)[] | undefined>>;
  readonly positionals: readonly string[];
}

/** A mistake in how the command was called: printed as one line, exit 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Exit codes shared by every command. */
export const EXIT = { ok: 0, problems: 1, usage: 2 } as const;

export function stringOption(args: ParsedArgs, name: string): string | undefined {
  const value = args.values[name];
  return typeof value === 'string' ? value : undefined;
}

export function booleanOption(args: ParsedArgs, name: string): boolean {
  return args.values[name] === true;
}

export function formatOption<T extends string>(args: ParsedArgs, allowed: readonly T[], fallback: T): T {
  const value = stringOption(args, 'format') ?? fallback;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new UsageError(`--format must be one of ${allowed.join(', ')} (got "${value}")`);
  }
  return value as T;
}

/** `--timeout MINUTES` as milliseconds, when given: a positive number of minutes up to `maxMinutes`. */
export function timeoutOption(args: ParsedArgs, maxMinutes: number): { timeoutMs?: number } {
  const text = stringOption(args, 'timeout');
  if (text === undefined) return {};
  try {
    return { timeoutMs: timeoutMinutesMs(text, '--timeout', maxMinutes) };
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}
