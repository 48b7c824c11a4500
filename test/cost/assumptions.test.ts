import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  CostAssumptions,
  CostAssumptionsError,
  CostAssumptionsOverride,
  describeAssumptions,
  resolveAssumptions,
} from '../../src/cost/assumptions.ts';

describe('CostAssumptions', () => {
  it('fills every default, leaving the derived ones unset', () => {
    const defaults = resolveAssumptions();
    expect(defaults.queriesPerStudentPerDay).toBe(40);
    expect(defaults.applyFreeTiers).toBe(false);
    expect(defaults.gbScannedPerQuery).toBeUndefined();
    expect(defaults.cloudTrailDataEventsPerStudentPerDay).toBeUndefined();
  });

  it('documents every assumption', () => {
    const docs = describeAssumptions();
    expect(docs.map((d) => d.name).sort()).toEqual(Object.keys(CostAssumptions.shape).sort());
    for (const doc of docs) expect(doc.description.length, doc.name).toBeGreaterThan(20);
  });

  it('applies overrides in order, later ones winning', () => {
    const resolved = resolveAssumptions({ queriesPerStudentPerDay: 10, etlMinutesPerRun: 7 }, { etlMinutesPerRun: 9 });
    expect(resolved.queriesPerStudentPerDay).toBe(10);
    expect(resolved.etlMinutesPerRun).toBe(9);
    expect(resolved.crawlerDpus).toBe(CostAssumptions.parse({}).crawlerDpus);
  });

  it('names the field of a bad value', () => {
    expect(() => resolveAssumptions({ replicatedDataShare: 1.5 })).toThrow(CostAssumptionsError);
    expect(() => resolveAssumptions({ replicatedDataShare: 1.5 })).toThrow(/replicatedDataShare/);
    expect(() => resolveAssumptions({ queriesPerStudent: 3 } as never)).toThrow(/queriesPerStudent/);
  });

  it('has a partial-able shape', () => {
    expect(CostAssumptions.partial().parse({ crawlerDpus: 4 }).crawlerDpus).toBe(4);
  });
});

describe('CostAssumptionsOverride (what _settings.yaml may set)', () => {
  it('keeps only what was written: no defaults are filled in', () => {
    expect(CostAssumptionsOverride.parse({})).toEqual({});
    expect(CostAssumptionsOverride.parse({ crawlerDpus: 4 })).toEqual({ crawlerDpus: 4 });
  });

  it('has the same fields as CostAssumptions, validated the same way', () => {
    expect(Object.keys(CostAssumptionsOverride.shape).sort()).toEqual(Object.keys(CostAssumptions.shape).sort());
    expect(CostAssumptionsOverride.safeParse({ queriesPerStudentPerDay: -1 }).success).toBe(false);
    expect(CostAssumptionsOverride.safeParse({ typo: 1 }).success).toBe(false);
  });

  it('carries the descriptions into the JSON schema for editors', () => {
    const schema = z.toJSONSchema(CostAssumptionsOverride, { io: 'input' }) as {
      properties: Record<string, { description?: string }>;
      required?: string[];
    };
    expect(schema.required ?? []).toEqual([]);
    expect(schema.properties.queriesPerStudentPerDay?.description).toMatch(/Athena queries/);
  });
});
