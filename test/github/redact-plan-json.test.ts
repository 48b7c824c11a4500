import { describe, expect, it } from 'vitest';
import { redactPlanJson, SENSITIVE_CHANGED_MARKER, SENSITIVE_MARKER } from '../../src/github/redact-plan-json.ts';
import { planDigest } from '../../src/plan/plan-digest.ts';
import { parsePlan } from '../../src/plan/read-plan.ts';
import {
  MIN_DIGEST_KEY_LENGTH,
  REDACTION_KEY,
  SEALED_REDACTION,
  sensitiveSeal,
} from '../../src/plan/sensitive-seal.ts';
import { fixtureJson, fixtureNames, passwordUpdate, planOf, SECRET } from '../plan/plan-fixtures.ts';

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
    const plan = planOf({
      same: passwordUpdate('s3cret', 's3cret'),
      changed: passwordUpdate('old-s3cret', 'new-s3cret'),
      set: passwordUpdate(null, 'new-s3cret'),
    });
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

  describe('with the digest key', () => {
    const KEY = 'k'.repeat(MIN_DIGEST_KEY_LENGTH);
    const seal = sensitiveSeal(KEY);
    const sealedDigest = (plan: unknown) => planDigest(parsePlan(plan, { seal }));

    it.each(readable)('%s reads back, without a key, to the digest the gate computes from the original', (name) => {
      const original = fixtureJson(name);
      const redacted = redactPlanJson(original, { seal });
      expect(planDigest(parsePlan(redacted))).toBe(sealedDigest(original));
    });

    it('holds neither the secret nor the key, and says it is sealed', () => {
      const text = JSON.stringify(redactPlanJson(fixtureJson('sensitive-values.json'), { seal }));
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain(KEY);
      expect(text).toContain(`"${REDACTION_KEY}":"${SEALED_REDACTION}"`);
      expect(text).toMatch(/\(redacted sensitive value, HMAC [0-9a-f]{64}\)/);
    });

    it('changes the digest of the redacted plan when only a secret changes', () => {
      const original = fixtureJson('sensitive-values.json') as { resource_changes: { change: object }[] };
      const [entry] = original.resource_changes;
      const changed = {
        ...original,
        resource_changes: [{ ...entry, change: { ...entry?.change, after: { ami: 'other-secret' } } }],
      };
      const digest = (plan: unknown) => planDigest(parsePlan(redactPlanJson(plan, { seal })));
      expect(digest(changed)).not.toBe(digest(original));
      expect(digest(changed)).toBe(sealedDigest(changed));
    });

    it('seals a value whose type changed around a sensitive part as the gate does', () => {
      const planWith = (token: string) =>
        planOf({
          x: {
            actions: ['update'],
            before: { setting: 'plain' },
            after: { setting: { token, size: 3, none: null }, list: ['a', 'hunter3'] },
            before_sensitive: {},
            after_sensitive: { setting: { token: true, none: true }, list: [false, true] },
            after_unknown: {},
          },
        });
      const redacted = redactPlanJson(planWith('hunter2'), { seal });
      expect(JSON.stringify(redacted)).not.toMatch(/hunter/);
      expect(planDigest(parsePlan(redacted))).toBe(sealedDigest(planWith('hunter2')));
      expect(sealedDigest(planWith('hunter4'))).not.toBe(sealedDigest(planWith('hunter2')));
    });

    const update = (before: unknown, after: unknown, beforeSensitive: unknown, afterSensitive: unknown) => ({
      actions: ['update'],
      before,
      after,
      before_sensitive: beforeSensitive,
      after_sensitive: afterSensitive,
    });

    it.each([
      ['a list becoming a map keyed "0"', update({ d: ['s3cret'] }, { d: { '0': 'pub' } }, { d: [true] }, { d: {} })],
      [
        'a map keyed "0" becoming a list',
        update({ d: { '0': 's3cret' } }, { d: ['pub'] }, { d: { '0': true } }, { d: [false] }),
      ],
    ])('reads back %s, sealed, to the gate digest', (_, change) => {
      const plan = planOf({ x: change });
      expect(JSON.stringify(redactPlanJson(plan, { seal }))).not.toContain('s3cret');
      expect(planDigest(parsePlan(redactPlanJson(plan, { seal })))).toBe(sealedDigest(plan));
    });

    it('keeps a key named __proto__, so its changes count as any other', () => {
      const planWith = (value: string) =>
        JSON.parse(
          `{"format_version":"1.2","resource_changes":[{"address":"a.x","type":"a","name":"x","change":{"actions":["update"],` +
            `"before":{"tags":{"__proto__":"v1","ok":"o"}},"after":{"tags":{"__proto__":"${value}","ok":"o"}},` +
            '"before_sensitive":{},"after_sensitive":{}}}]}',
        ) as unknown;
      expect(planDigest(parsePlan(redactPlanJson(planWith('v2'), { seal })))).toBe(sealedDigest(planWith('v2')));
      expect(sealedDigest(planWith('v3'))).not.toBe(sealedDigest(planWith('v2')));
      expect(JSON.stringify(redactPlanJson(planWith('v2')))).toContain('"__proto__":"v2"');
    });

    it('seals only the resource changes the digest covers: drift and outputs keep the plain markers', () => {
      const plan = {
        ...planOf({ x: passwordUpdate('a', 'b') }),
        resource_drift: planOf({ y: passwordUpdate('c', 'd') }).resource_changes,
        output_changes: {
          token: { actions: ['update'], before: 'e', after: 'f', before_sensitive: true, after_sensitive: true },
        },
      };
      const redacted = redactPlanJson(plan, { seal }) as Record<string, unknown>;
      expect(JSON.stringify(redacted.resource_changes)).toMatch(/HMAC/);
      expect(JSON.stringify(redacted.resource_drift)).not.toMatch(/HMAC/);
      expect(JSON.stringify(redacted.output_changes)).not.toMatch(/HMAC/);
      expect(JSON.stringify(redacted.output_changes)).toContain(SENSITIVE_CHANGED_MARKER);
    });

    it('gives equal values equal markers, so the review still says whether a secret changed', () => {
      const plan = planOf({ same: passwordUpdate('s3cret', 's3cret'), changed: passwordUpdate('old', 'new') });
      type Sides = { resource_changes: { change: { before: { password: unknown }; after: { password: unknown } } }[] };
      const redacted = redactPlanJson(plan, { seal }) as Sides;
      const [same, changed] = redacted.resource_changes.map((r) => r.change);
      expect(same?.before.password).toBe(same?.after.password);
      expect(changed?.before.password).not.toBe(changed?.after.password);
      const flags = (p: unknown) =>
        parsePlan(p).changes.map((c) => c.attributes.find((a) => a.path === 'password')?.changed);
      expect(flags(redacted)).toEqual(flags(plan));
    });
  });
});
