import { describe, expect, it } from 'vitest';
import { counts } from '../../src/plan/plan-counts.ts';
import { planResult } from '../../src/plan/plan-status.ts';
import { fixtureNames, loadFixture } from './plan-fixtures.ts';

interface Expected {
  readonly add: number;
  readonly change: number;
  readonly destroy: number;
  readonly replace?: number;
  readonly move?: number;
  readonly result: 'planned' | 'no changes' | 'failed';
  /** How the numbers follow from the fixture, read by hand. */
  readonly why: string;
}

function row(
  add: number,
  change: number,
  destroy: number,
  result: Expected['result'],
  why: string,
  extra: { replace?: number; move?: number } = {},
): Expected {
  return { add, change, destroy, result, why, ...extra };
}

// Derived by reading each file's resource_changes[].change.actions (and previous_address) against Terraform's
// rules: create +1 add, update +1 change, delete +1 destroy, replace +1 add and +1 destroy, read/no-op nothing.
const EXPECTED: Record<string, Expected> = {
  'basic-create.json': row(3, 0, 0, 'planned', 'test[0..2] are ["create"]'),
  'basic-delete.json': row(0, 1, 1, 'planned', 'test is ["update"]; test-delete is ["delete"]'),
  'basic-update.json': row(0, 0, 0, 'no changes', 'one ["no-op"]; the output is a no-op too'),
  'conditions-refresh-only.json': row(0, 0, 0, 'planned', 'no resource_changes; output foo_id is created'),
  'conditions.json': row(2, 0, 0, 'planned', 'bar and foo are ["create"]'),
  'drift.json': row(0, 2, 0, 'planned', 'two ["update"]; resource_drift is not counted'),
  'module-depends-on.json': row(1, 0, 0, 'planned', 'one ["create"]'),
  'modules.json': row(4, 0, 0, 'planned', 'bar.test and foo.test[0..2] are ["create"]'),
  'moved-drift.json': row(0, 2, 0, 'planned', 'two ["update"], one with a previous_address', { move: 1 }),
  'moved.json': row(0, 1, 0, 'planned', 'baz is ["update"] with previous_address foo', { move: 1 }),
  'multi-resource-update.json': row(1, 0, 0, 'planned', 'test[0]: no-op moved (not counted); test[1] created', {
    move: 1,
  }),
  'nested-modules.json': row(1, 0, 0, 'planned', 'one ["create"] two modules deep'),
  'plan-error.json': row(0, 0, 0, 'failed', 'errored: true, no resource_changes'),
  'provider-aliasing-conflict.json': row(2, 0, 0, 'planned', 'two ["create"]'),
  'provider-aliasing-default.json': row(4, 0, 0, 'planned', 'four ["create"]'),
  'provider-aliasing.json': row(10, 0, 0, 'planned', 'ten ["create"]'),
  'provider-version-no-config.json': row(3, 0, 0, 'planned', 'test[0..2] are ["create"]'),
  'provider-version.json': row(3, 0, 0, 'planned', 'test[0..2] are ["create"]'),
  'requires-replace.json': row(1, 0, 1, 'planned', '["delete","create"]: one to add, one to destroy', { replace: 1 }),
  'sensitive-values.json': row(1, 0, 0, 'planned', 'one ["create"]'),
  'unknown-output.json': row(0, 0, 0, 'planned', 'no resource_changes; outputs bar, baz, foo are created'),
};

describe('every terraform show -json fixture', () => {
  const names = fixtureNames();

  it('has hand-derived expectations for each file in the directory (and no stale ones)', () => {
    expect(names.length).toBeGreaterThan(0);
    expect(Object.keys(EXPECTED).sort()).toEqual(names);
  });

  it.each(names)('%s is read with counts as Terraform counts them', (name) => {
    const expected = EXPECTED[name];
    if (!expected) throw new Error(`no expectation for ${name}`);
    const plan = loadFixture(name);
    const total = counts(plan);
    expect({ add: total.add, change: total.change, destroy: total.destroy }).toEqual({
      add: expected.add,
      change: expected.change,
      destroy: expected.destroy,
    });
    expect(total.replace).toBe(expected.replace ?? 0);
    expect(total.move).toBe(expected.move ?? 0);
    expect(planResult(plan)).toBe(expected.result);
  });
});
