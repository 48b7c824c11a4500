import { afterAll, describe, expect, it } from 'vitest';
import { RULES } from '../../src/guardrails/rules/index.ts';
import { formatFinding, runGuardrails } from '../../src/guardrails/run.ts';
import { BUSAN, SEOUL } from '../support/example-cohorts.ts';
import { synthesizeInto, tempDir } from '../terraform-cdk/synthesized.ts';

const synthesized = synthesizeInto(tempDir());
afterAll(() => synthesized.cleanup());

describe('guardrails on the synthesized example stacks', () => {
  it.each([SEOUL, BUSAN, 'bootstrap'])('%s: every applicable rule passes, with no finding', (id) => {
    const report = runGuardrails(id, synthesized.stack(id));
    expect(report.findings.map((f) => formatFinding(id, f))).toEqual([]);
    const expected = id === 'bootstrap' ? RULES.filter((r) => r.appliesTo === 'all') : RULES;
    expect([...report.passed].sort()).toEqual(expected.map((r) => r.id).sort());
  });

  it('catch a real regression in a synthesized stack: a student policy without its time bound', () => {
    const stack = structuredClone(synthesized.stack(SEOUL)) as unknown as {
      resource: Record<string, Record<string, { policy?: string }>>;
    };
    const guard = stack.resource.aws_iam_policy?.student_guard;
    const student = stack.resource.aws_iam_policy?.student;
    expect(guard?.policy).toContain('aws:CurrentTime');
    for (const policy of [guard, student]) {
      if (policy?.policy) policy.policy = policy.policy.replaceAll('aws:CurrentTime', 'aws:EpochTime');
    }
    const report = runGuardrails(SEOUL, stack);
    expect(report.findings.map((f) => f.ruleId)).toContain('iam-time-bounded');
  });
});
