import { describe, expect, it } from 'vitest';
import { digestInput, planDigest } from '../../src/plan/plan-digest.ts';
import { parsePlan } from '../../src/plan/read-plan.ts';
import { fixtureJson, loadFixture, SECRET } from './plan-fixtures.ts';

type Raw = Record<string, unknown> & { resource_changes: Record<string, unknown>[] };

function raw(name: string): Raw {
  return fixtureJson(name) as Raw;
}

describe('planDigest', () => {
  it('is a SHA-256 hex string, the same for the same plan', () => {
    const digest = planDigest(loadFixture('basic-delete.json'));
    expect(digest).toMatch(/^[0-9a-f]{64}$/);
    expect(planDigest(loadFixture('basic-delete.json'))).toBe(digest);
  });

  it('does not depend on the order of resource_changes or of object keys', () => {
    const plan = raw('provider-aliasing.json');
    const reordered = { ...plan, resource_changes: [...plan.resource_changes].reverse() };
    const rekeyed = {
      ...plan,
      resource_changes: plan.resource_changes.map((entry) => Object.fromEntries(Object.entries(entry).reverse())),
    };
    const digest = planDigest(parsePlan(plan));
    expect(planDigest(parsePlan(reordered))).toBe(digest);
    expect(planDigest(parsePlan(rekeyed))).toBe(digest);
  });

  it('changes when an action changes, or a planned value changes', () => {
    const plan = raw('basic-delete.json');
    const base = planDigest(parsePlan(plan));
    const [update, remove] = plan.resource_changes;
    const asReplace = {
      ...plan,
      resource_changes: [
        { ...update, change: { ...(update?.change as object), actions: ['delete', 'create'] } },
        remove,
      ],
    };
    expect(planDigest(parsePlan(asReplace))).not.toBe(base);
    const otherValue = {
      ...plan,
      resource_changes: [
        { ...update, change: { ...(update?.change as object), after: { ami: 'other', id: 'placeholder' } } },
        remove,
      ],
    };
    expect(planDigest(parsePlan(otherValue))).not.toBe(base);
  });

  it('ignores what is not a change (no-ops) but not what moves', () => {
    const plan = raw('basic-update.json');
    expect(digestInput(parsePlan(plan))).not.toContain('test_instance.test');
    expect(digestInput(loadFixture('multi-resource-update.json'))).toContain('test_instance.test[0]');
  });

  it('never holds a sensitive value, and does not change when only a sensitive value does', () => {
    const plan = raw('sensitive-values.json');
    expect(digestInput(parsePlan(plan))).not.toContain(SECRET);
    const [entry] = plan.resource_changes;
    const otherSecret = {
      ...plan,
      resource_changes: [{ ...entry, change: { ...(entry?.change as object), after: { ami: 'other-secret' } } }],
    };
    expect(planDigest(parsePlan(otherSecret))).toBe(planDigest(parsePlan(plan)));
  });
});
