import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cohortJsonSchema, cohortJsonSchemaText } from '../../src/cohort/json-schema.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');

describe('workshops/cohort.schema.json', () => {
  it('is up to date with the zod schema (run "npm run schema" after changing it)', () => {
    const committed = readFileSync(path.join(ROOT, 'workshops/cohort.schema.json'), 'utf8');
    expect(committed).toBe(cohortJsonSchemaText());
  });

  it('describes the contract: required fields, defaults and closed objects', () => {
    const schema = cohortJsonSchema() as {
      required: string[];
      additionalProperties: boolean;
      properties: Record<string, { properties?: Record<string, { default?: unknown }> }>;
    };
    expect(schema.required).toEqual(
      expect.arrayContaining(['id', 'title', 'owner', 'schedule', 'regions', 'budget', 'instructors']),
    );
    expect(schema.required).not.toContain('students');
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.schedule?.properties?.teardownAfterDays?.default).toBe(3);
    expect(schema.properties.budget?.properties?.alertPercents?.default).toEqual([50, 80, 100]);
  });

  it('is what every example cohort file points its editor at', () => {
    for (const file of ['seoul-data-eng-2026-12.yaml', 'busan-intro-2026-12.yaml']) {
      const first = readFileSync(path.join(ROOT, 'workshops', file), 'utf8').split('\n')[0];
      expect(first).toBe('# yaml-language-server: $schema=./cohort.schema.json');
    }
  });
});
