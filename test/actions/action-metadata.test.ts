/**
 * The actions' metadata agrees with their code and with the workflows: every input main.ts reads is declared and
 * every declared one is read, the same for outputs; every `with:` in a workflow names a declared input and gives
 * every required one; and only the actions' main.ts files touch the Actions toolkit.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

type Json = Record<string, unknown>;

const ACTIONS = readdirSync('actions', { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

interface Metadata {
  inputs: Record<string, { required?: boolean; default?: string }>;
  outputs: Record<string, unknown>;
  runs: Json;
}

const metadata = (name: string) => parse(readFileSync(`actions/${name}/action.yml`, 'utf8')) as Metadata;
const source = (name: string) => readFileSync(`actions/${name}/main.ts`, 'utf8');
const called = (text: string, fn: string) =>
  [...text.matchAll(new RegExp(`core\\.${fn}\\('([\\w-]+)'`, 'g'))].map((m) => m[1] ?? '').sort();
const unique = (values: string[]) => [...new Set(values)].sort();

describe.each(ACTIONS)('actions/%s', (name) => {
  const meta = metadata(name);

  it('runs index.js on node24, which starts main.ts through tsx', () => {
    expect(meta.runs).toEqual({ using: 'node24', main: 'index.js' });
    expect(readFileSync(`actions/${name}/index.js`, 'utf8')).toContain('await start(import.meta.url);');
    expect(source(name)).toMatch(/export async function run\(/);
  });

  it('reads exactly the inputs it declares', () => {
    expect(unique(called(source(name), 'getInput'))).toEqual(Object.keys(meta.inputs ?? {}).sort());
  });

  it('sets exactly the outputs it declares', () => {
    expect(unique(called(source(name), 'setOutput'))).toEqual(Object.keys(meta.outputs ?? {}).sort());
  });

  it('catches once and reports through setFailed', () => {
    expect(source(name).match(/core\.setFailed\(errorMessage\(error\)\)/g)).toHaveLength(1);
  });
});

describe('workflows calling the actions', () => {
  const workflows = readdirSync('.github/workflows').filter((f) => f.endsWith('.yml'));
  const calls = workflows.flatMap((file) => {
    const jobs = (parse(readFileSync(`.github/workflows/${file}`, 'utf8')) as Json).jobs as Record<string, Json>;
    return Object.values(jobs).flatMap((job) =>
      ((job.steps ?? []) as Json[])
        .filter((step) => String(step.uses).startsWith('./actions/'))
        .map((step) => ({ file, uses: String(step.uses), with: (step.with ?? {}) as Json })),
    );
  });

  it('call every action', () => {
    expect(unique(calls.map((c) => c.uses.slice('./actions/'.length)))).toEqual(ACTIONS);
  });

  // A step's outputs are read by id later in its job; an action that stops declaring one would leave the reader
  // with an empty string (a role to assume, a region) and no error until the run.
  const outputReads = workflows.flatMap((file) => {
    const jobs = (parse(readFileSync(`.github/workflows/${file}`, 'utf8')) as Json).jobs as Record<string, Json>;
    return Object.values(jobs).flatMap((job) => {
      const actionOf = new Map(
        ((job.steps ?? []) as Json[])
          .filter((step) => typeof step.id === 'string' && String(step.uses).startsWith('./actions/'))
          .map((step) => [String(step.id), String(step.uses).slice('./actions/'.length)]),
      );
      return [...JSON.stringify(job).matchAll(/steps\.([\w-]+)\.outputs\.([\w-]+)/g)].flatMap(([, id = '', name]) => {
        const action = actionOf.get(id);
        return action === undefined ? [] : [{ file, action, name: name ?? '' }];
      });
    });
  });

  it('read only outputs the action of the step declares', () => {
    expect(outputReads.length).toBeGreaterThan(0);
    for (const read of outputReads) {
      expect(Object.keys(metadata(read.action).outputs ?? {}), `${read.file} ${read.action}`).toContain(read.name);
    }
  });

  it.each(calls.map((c) => [`${c.file} ${c.uses}`, c] as const))(
    '%s passes declared and required inputs',
    (_n, call) => {
      const inputs = metadata(call.uses.slice('./actions/'.length)).inputs ?? {};
      for (const key of Object.keys(call.with)) expect(Object.keys(inputs), key).toContain(key);
      const required = Object.entries(inputs).filter(
        ([, input]) => input.required === true && input.default === undefined,
      );
      for (const [key] of required) expect(Object.keys(call.with), key).toContain(key);
    },
  );
});

describe('the Actions toolkit', () => {
  function files(dir: string): string[] {
    return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return files(full);
      return /\.(ts|js)$/.test(entry.name) ? [full] : [];
    });
  }

  it('is imported by the actions main.ts files only', () => {
    const importers = [...files('src'), ...files('actions')].filter((file) =>
      /^\s*import[^;]*from\s+['"]@actions\//m.test(readFileSync(file, 'utf8')),
    );
    const posix = importers.map((file) => file.split(path.sep).join('/'));
    expect(posix.filter((file) => !/^actions\/[\w-]+\/main\.ts$/.test(file))).toEqual([]);
    expect(posix.length).toBeGreaterThan(0);
  });
});
