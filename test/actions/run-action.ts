/**
 * Runs an action's `run()` in this process the way the runner would: inputs as INPUT_* variables, the event in a
 * GITHUB_EVENT_PATH file, outputs and the job summary through their files, annotations on stdout.
 *
 * @actions/core and @actions/github are loaded once per process (vitest does not re-import dependencies): the
 * summary remembers its file on first use, so every run here shares one summary file, emptied before each run; and
 * `context` read the event when first imported, so its fields are set again from the run's event and environment.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as core from '@actions/core';
import { context } from '@actions/github';
import { vi } from 'vitest';
import { parse } from 'yaml';

const dir = mkdtempSync(path.join(tmpdir(), 'action-run-'));
process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
const files = {
  event: path.join(dir, 'event.json'),
  output: path.join(dir, 'output'),
  summary: path.join(dir, 'summary'),
};

export interface ActionRun {
  readonly outputs: Record<string, string>;
  readonly summary: string;
  /** `::error file=…,line=…::message` and the like, as written to stdout. */
  readonly commands: string[];
  readonly failed: boolean;
}

export interface RunOptions<D> {
  /** The action's folder under actions/: its action.yml gives the defaults of inputs not set, as the runner does. */
  readonly action: string;
  readonly inputs: Record<string, string>;
  readonly event?: unknown;
  readonly eventName?: string;
  readonly env?: Record<string, string>;
  readonly cwd?: string;
  readonly deps?: D;
}

/** `name<<DELIMITER\nvalue\nDELIMITER` records, as @actions/core writes them to GITHUB_OUTPUT. */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const pattern = /^([^<\n]+)<<(\S+)\n([\s\S]*?)\n\2$/gm;
  for (const match of text.matchAll(pattern)) outputs[match[1] ?? ''] = match[3] ?? '';
  return outputs;
}

function defaultInputs(action: string): Record<string, string> {
  const metadata = parse(readFileSync(path.join('actions', action, 'action.yml'), 'utf8')) as {
    inputs?: Record<string, { default?: unknown }>;
  };
  const defaults: Record<string, string> = {};
  for (const [name, input] of Object.entries(metadata.inputs ?? {})) {
    if (input.default !== undefined) defaults[name] = String(input.default);
  }
  return defaults;
}

export async function runAction<D>(
  load: () => Promise<{ run(deps?: D): Promise<void> }>,
  options: RunOptions<D>,
): Promise<ActionRun> {
  writeFileSync(files.event, JSON.stringify(options.event ?? {}));
  writeFileSync(files.output, '');
  writeFileSync(files.summary, '');
  const env: Record<string, string> = {
    GITHUB_EVENT_PATH: files.event,
    GITHUB_EVENT_NAME: options.eventName ?? 'pull_request',
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_REPOSITORY: 'acme/workshop-gitops',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: 'https://api.github.com',
    GITHUB_SHA: 'e'.repeat(40),
    GITHUB_RUN_ID: '1234',
    GITHUB_RUN_ATTEMPT: '1',
    ...options.env,
  };
  const inputs = { ...defaultInputs(options.action), ...options.inputs };
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value;
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);

  const written: string[] = [];
  const stdout = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    written.push(String(chunk));
    return true;
  });
  const cwd = process.cwd();
  const exitCode = process.exitCode;
  try {
    if (options.cwd) process.chdir(options.cwd);
    core.summary.emptyBuffer();
    Object.assign(context, {
      payload: options.event ?? {},
      eventName: env.GITHUB_EVENT_NAME,
      sha: env.GITHUB_SHA,
      serverUrl: env.GITHUB_SERVER_URL,
      runId: Number(env.GITHUB_RUN_ID),
      runAttempt: Number(env.GITHUB_RUN_ATTEMPT),
    });
    const action = await load();
    await action.run(options.deps);
    return {
      outputs: parseOutputFile(readFileSync(files.output, 'utf8')),
      summary: readFileSync(files.summary, 'utf8'),
      commands: written
        .join('')
        .split('\n')
        .filter((line) => line.startsWith('::')),
      failed: process.exitCode === 1,
    };
  } finally {
    process.exitCode = exitCode;
    process.chdir(cwd);
    stdout.mockRestore();
    vi.unstubAllEnvs();
  }
}
