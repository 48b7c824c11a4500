import { describe, expect, it } from 'vitest';
import { redactPlanJson, SENSITIVE_CHANGED_MARKER, SENSITIVE_MARKER } from '../../src/github/redact-plan-json.ts';
import { planDigest } from '../../src/plan/plan-digest.ts';
import { parsePlan } from '../../src/plan/read-plan.ts';
import { fixtureJson, fixtureNames, SECRET } from '../plan/plan-fixtures.ts';

const readable = fixtureNames().filter((name) => {
  try {
    parsePlan(fixtureJson(name));
    return true;
  } catch {
    return false;
  }
});

describe('redactPlanJson', () => {
  it('has real plans to check', () => {
    expect(readable.length).toBeGreaterThan(10);
    expect(readable).toContain('sensitive-values.json');
  });

  it.each(readable)('%s reads back to the same review and the same digest', (name) => {
    const original = fixtureJson(name);
    const redacted = redactPlanJson(original);
    expect(parsePlan(redacted)).toEqual(parsePlan(original));
    expect(planDigest(parsePlan(redacted))).toBe(planDigest(parsePlan(original)));
  });

  it('leaves no sensitive value anywhere in the file', () => {
    const original = fixtureJson('sensitive-values.json');
    expect(JSON.stringify(original)).toContain(SECRET);
    expect(JSON.stringify(redactPlanJson(original))).not.toContain(SECRET);
  });

  it('drops the parts that hold values in the clear', () => {
    const redacted = redactPlanJson({
      format_version: '1.2',
      variables: { password: { value: 'hunter2' } },
      prior_state: { values: { password: 'hunter2' } },
      planned_values: { root_module: { resources: [{ values: { password: 'hunter2' } }] } },
      configuration: { root_module: {} },
      resource_changes: [
        {
          address: 'aws_x.a',
          type: 'aws_x',
          name: 'a',
          change: { actions: ['create'], before: null, after: {}, generated_config: 'password = "hunter2"' },
        },
      ],
    });
    expect(JSON.stringify(redacted)).not.toContain('hunter2');
    expect(redacted).toHaveProperty(['resource_changes', 0, 'address'], 'aws_x.a');
  });

  it('marks whether a sensitive value changed, and nothing more', () => {
    const change = (before: unknown, after: unknown) => ({
      actions: ['update'],
      before: { password: before, name: 'n' },
      after: { password: after, name: 'n' },
      before_sensitive: { password: true },
      after_sensitive: { password: true },
    });
    const plan = {
      format_version: '1.2',
      resource_changes: [
        { address: 'a.same', type: 'a', name: 'same', change: change('s3cret', 's3cret') },
        { address: 'a.changed', type: 'a', name: 'changed', change: change('old-s3cret', 'new-s3cret') },
        { address: 'a.set', type: 'a', name: 'set', change: change(null, 'new-s3cret') },
      ],
    };
    const redacted = redactPlanJson(plan) as { resource_changes: { change: { before: unknown; after: unknown } }[] };
    const sides = redacted.resource_changes.map((r) => [r.change.before, r.change.after]);
    expect(sides).toEqual([
      [
        { password: SENSITIVE_MARKER, name: 'n' },
        { password: SENSITIVE_MARKER, name: 'n' },
      ],
      [
        { password: SENSITIVE_MARKER, name: 'n' },
        { password: SENSITIVE_CHANGED_MARKER, name: 'n' },
      ],
      [
        { password: null, name: 'n' },
        { password: SENSITIVE_CHANGED_MARKER, name: 'n' },
      ],
    ]);
    const changed = parsePlan(redacted).changes.map((c) => c.attributes.find((a) => a.path === 'password')?.changed);
    expect(changed).toEqual(
      parsePlan(plan).changes.map((c) => c.attributes.find((a) => a.path === 'password')?.changed),
    );
  });
});
