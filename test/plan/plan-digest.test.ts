import { describe, expect, it } from 'vitest';
import { digestInput, hasSensitiveChange, planDigest } from '../../src/plan/plan-digest.ts';
import { parsePlan } from '../../src/plan/read-plan.ts';
import { MIN_DIGEST_KEY_LENGTH, sensitiveSeal } from '../../src/plan/sensitive-seal.ts';
import { fixtureJson, loadFixture, planOf, SECRET } from './plan-fixtures.ts';

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

  describe('sensitive values', () => {
    const KEY = 'k'.repeat(MIN_DIGEST_KEY_LENGTH);
    const plan = raw('sensitive-values.json');
    const [entry] = plan.resource_changes;
    const otherSecret = {
      ...plan,
      resource_changes: [{ ...entry, change: { ...(entry?.change as object), after: { ami: 'other-secret' } } }],
    };
    const sealed = (value: unknown, key = KEY) => parsePlan(value, { seal: sensitiveSeal(key) });

    it('never hold their value or the key in the digest input, sealed or not', () => {
      for (const summary of [parsePlan(plan), sealed(plan)]) {
        expect(digestInput(summary)).not.toContain(SECRET);
        expect(digestInput(summary)).not.toContain(KEY);
      }
    });

    it('change the digest when the plan is read with the digest key', () => {
      expect(planDigest(sealed(otherSecret))).not.toBe(planDigest(sealed(plan)));
      expect(planDigest(sealed(plan))).toBe(planDigest(sealed(structuredClone(plan))));
    });

    it('give another digest under another key, and none of the two is the digest without a key', () => {
      const other = planDigest(sealed(plan, 'x'.repeat(MIN_DIGEST_KEY_LENGTH)));
      expect(other).not.toBe(planDigest(sealed(plan)));
      expect(planDigest(parsePlan(plan))).not.toBe(planDigest(sealed(plan)));
    });

    it('count, sealed, whether part of the value is still unknown', () => {
      const planWith = (afterUnknown: unknown) =>
        planOf({
          x: {
            actions: ['create'],
            before: null,
            after: { block: { a: 1 } },
            after_sensitive: { block: true },
            after_unknown: afterUnknown,
          },
        });
      const known = planWith({});
      const partlyUnknown = planWith({ block: { b: true } });
      expect(planDigest(sealed(partlyUnknown))).not.toBe(planDigest(sealed(known)));
    });

    it('leave the digest as it was without the key (an offline run): a change to them alone goes unseen', () => {
      expect(planDigest(parsePlan(otherSecret))).toBe(planDigest(parsePlan(plan)));
      expect(hasSensitiveChange(parsePlan(plan))).toBe(true);
      expect(hasSensitiveChange(loadFixture('basic-delete.json'))).toBe(false);
    });
  });
});
