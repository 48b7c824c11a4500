/** Synthesizes the example cohorts into a temporary folder and reads the stacks back, for assertions. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ResolvedCohort } from '../../src/cohort/schema.ts';
import type { Settings } from '../../src/cohort/settings-schema.ts';
import { synthesize } from '../../terraform-cdk/synth.ts';
import { exampleCohorts, exampleSettings, WORKSHOPS_DIR } from '../support/example-cohorts.ts';

export type Attributes = Record<string, unknown>;

export interface TerraformJson {
  readonly terraform: {
    backend: Record<string, Attributes>;
    required_providers: Record<string, Attributes>;
  } & Attributes;
  readonly provider: { aws: Attributes[] };
  readonly resource: Record<string, Record<string, Attributes>>;
  readonly output: Record<string, { value: unknown }>;
  readonly variable?: Record<string, Attributes>;
}

export interface Synthesized {
  readonly outDir: string;
  readonly stacks: ReadonlyMap<string, TerraformJson>;
  stack(id: string): TerraformJson;
  cleanup(): void;
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'synth-test-'));
}

export function synthesizeInto(
  outDir: string,
  cohorts: readonly ResolvedCohort[] = exampleCohorts(),
  settings: Settings = exampleSettings(),
  only?: readonly string[],
): Synthesized {
  const result = synthesize({
    settings,
    cohorts,
    outDir,
    cohortDir: WORKSHOPS_DIR,
    ...(only === undefined ? {} : { only }),
  });
  const stacks = new Map(
    result.stacks.map((s) => [s.id, JSON.parse(readFileSync(s.file, 'utf8')) as TerraformJson] as const),
  );
  return {
    outDir,
    stacks,
    stack(id) {
      const found = stacks.get(id);
      if (found === undefined) throw new Error(`no stack ${id}`);
      return found;
    },
    cleanup: () => rmSync(outDir, { recursive: true, force: true }),
  };
}

export function synthesizeExamples(): Synthesized {
  return synthesizeInto(tempDir());
}

/** Resources of one type (logical id → attributes); empty when the stack has none. */
export function resources(stack: TerraformJson, type: string): Record<string, Attributes> {
  return stack.resource[type] ?? {};
}

/** One resource's attributes; fails the test when it is missing. */
export function resource(stack: TerraformJson, type: string, name: string): Attributes {
  const found = resources(stack, type)[name];
  if (found === undefined) throw new Error(`${type}.${name} is not in the stack`);
  return found;
}

/** A nested value by path (`['rule', 0, 'status']`), for attributes whose shape tests do not declare. */
export function at(value: unknown, ...path: readonly (string | number)[]): unknown {
  let current = value;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[key];
  }
  return current;
}

/** Reference to an attribute of a resource, as cdk.tf.json writes it. */
export function ref(type: string, name: string, attribute: string): string {
  return `\${${type}.${name}.${attribute}}`;
}

/** A policy document stored as an attribute, with Terraform's `$${` escapes undone. */
export function policyOf(attributes: Attributes, key = 'policy'): unknown {
  const text = attributes[key];
  if (typeof text !== 'string') throw new Error(`attribute ${key} is not a string`);
  return JSON.parse(text.replaceAll('$${', '${'));
}
