import { describe, expect, it } from 'vitest';
import { redactPlanJson } from '../../src/github/redact-plan-json.ts';
import { counts, countsLine } from '../../src/plan/plan-counts.ts';
import { isFailedPlan, planResult } from '../../src/plan/plan-status.ts';
import { PlanFormatError, parsePlan, parsePlanText } from '../../src/plan/read-plan.ts';
import { moduleAddressOf } from '../../src/plan/resource-address.ts';
import { REDACTION_KEY, SEALED_REDACTION } from '../../src/plan/sensitive-seal.ts';
import { fixtureJson, loadFixture } from './plan-fixtures.ts';

function change(address: string, actions: string[], extra: Record<string, unknown> = {}) {
  const [type = 'x', name = 'y'] = address.split('.').slice(-2);
  return {
    address,
    mode: 'managed',
    type,
    name,
    provider_name: 'registry.terraform.io/hashicorp/aws',
    change: { actions, before: null, after: null },
    ...extra,
  };
}

function plan(resourceChanges: unknown[], extra: Record<string, unknown> = {}) {
  return { format_version: '1.2', resource_changes: resourceChanges, ...extra };
}

describe('parsePlan on the fixtures', () => {
  it('reads a replacement with its order, reason and forcing attribute', () => {
    const [replace] = loadFixture('requires-replace.json').changes;
    expect(replace).toMatchObject({
      address: 'test_instance.test',
      action: 'replace',
      replaceOrder: 'delete-before-create',
      actionReason: 'replace_because_cannot_update',
      replacePaths: ['ami'],
    });
    const ami = replace?.attributes.find((a) => a.path === 'ami');
    expect(ami).toMatchObject({ before: 'bar', after: 'force-replace', changed: true, forcesReplacement: true });
    const id = replace?.attributes.find((a) => a.path === 'id');
    expect(id).toMatchObject({ before: 'placeholder', unknown: true, forcesReplacement: false });
    expect(id?.after).toBeUndefined();
  });

  it('reads moves, module addresses and drift', () => {
    expect(loadFixture('moved.json').changes[0]).toMatchObject({
      address: 'test_instance.baz',
      previousAddress: 'test_instance.foo',
      moved: true,
    });
    const nested = loadFixture('nested-modules.json').changes[0];
    expect(nested?.moduleAddress).toBe('module.my_module.module.more');
    const drift = loadFixture('drift.json');
    expect(drift.drift.map((d) => [d.address, d.action])).toEqual([['test_instance.should_refresh', 'update']]);
    expect(drift.drift[0]?.attributes.find((a) => a.changed)).toMatchObject({
      before: 'refresh-me',
      after: 'refreshed',
    });
  });

  it('keeps the data of a failed plan and its check failures', () => {
    const failed = loadFixture('plan-error.json');
    expect(failed.errored).toBe(true);
    expect(isFailedPlan(failed)).toBe(true);
    const checks = loadFixture('conditions-refresh-only.json').checkFailures;
    expect(checks.map((c) => c.address)).toEqual(['test_instance.bar', 'test_instance.foo']);
    expect(checks[1]?.messages).toEqual(['Invalid AMI ID: must start with "ami-".']);
  });

  it('never requires terraform_version or timestamps', () => {
    const raw = fixtureJson('conditions-refresh-only.json');
    delete raw.terraform_version;
    delete raw.timestamp;
    delete raw.errored;
    expect(parsePlan(raw).terraformVersion).toBeUndefined();
    expect(parsePlan(fixtureJson('conditions-refresh-only.json')).terraformVersion).toBe('1.8.0-dev');
  });
});

describe('parsePlan tolerance', () => {
  it('reads a format 0.1 plan (Terraform 0.12: no sensitive masks, drift, reasons or previous addresses)', () => {
    const old = {
      format_version: '0.1',
      terraform_version: '0.12.31',
      planned_values: { root_module: {} },
      resource_changes: [
        {
          address: 'aws_s3_bucket.raw',
          mode: 'managed',
          type: 'aws_s3_bucket',
          name: 'raw',
          provider_name: 'aws',
          change: { actions: ['create'], before: null, after: { bucket: 'raw' }, after_unknown: { arn: true } },
        },
        {
          address: 'module.m.aws_kms_key.k',
          module_address: 'module.m',
          mode: 'managed',
          type: 'aws_kms_key',
          name: 'k',
          provider_name: 'aws',
          change: { actions: ['delete'], before: { description: 'k' }, after: null, after_unknown: {} },
        },
      ],
      output_changes: { name: { actions: ['create'], before: null, after: 'raw', after_unknown: false } },
    };
    const summary = parsePlan(old);
    expect(summary.formatVersion).toBe('0.1');
    expect(counts(summary)).toMatchObject({ add: 1, change: 0, destroy: 1 });
    expect(summary.drift).toEqual([]);
    expect(summary.changes[0]?.attributes.map((a) => [a.path, a.unknown])).toEqual([
      ['arn', true],
      ['bucket', false],
    ]);
  });

  it('ignores fields it does not know', () => {
    const summary = parsePlan(
      plan([{ ...change('aws_iam_user.a', ['create']), future_field: { x: 1 } }], { future_top: [1, 2] }),
    );
    expect(summary.changes).toHaveLength(1);
  });

  it('counts every action kind as Terraform does, with imports and forgets in the line', () => {
    const summary = parsePlan(
      plan([
        change('aws_iam_user.a', ['create', 'delete']),
        change('aws_iam_user.b', ['delete'], { deposed: 'abc123' }),
        change('aws_iam_user.c', ['no-op'], { change: { actions: ['no-op'], importing: { id: 'c' } } }),
        change('aws_iam_user.d', ['update'], { change: { actions: ['update'], importing: { id: 'd' } } }),
        change('data.aws_caller_identity.e', ['read'], { mode: 'data' }),
        change('data.aws_region.f', ['delete'], { mode: 'data' }),
        change('aws_iam_user.g', ['forget']),
        change('aws_iam_user.h', ['create', 'forget']),
        change('aws_iam_user.i', ['no-op']),
      ]),
    );
    expect(summary.changes[0]?.replaceOrder).toBe('create-before-destroy');
    expect(summary.changes[1]?.deposed).toBe('abc123');
    // a: add+destroy+replace; b: destroy; c: import only; d: import+change; e: read (not counted);
    // f: data source delete (not shown); g: forget; h: add+forget; i: no-op (not shown).
    expect(counts(summary)).toEqual({ add: 2, change: 1, destroy: 2, replace: 1, import: 2, move: 0, forget: 2 });
    expect(countsLine(counts(summary))).toBe('Plan: 2 to import, 2 to add, 1 to change, 2 to destroy, 2 to forget.');
  });

  it('treats error diagnostics in the input as a failed plan', () => {
    const summary = parsePlan(
      plan([], {
        diagnostics: [
          {
            severity: 'error',
            summary: 'Invalid reference',
            detail: 'A reference to a resource type must be followed by at least one attribute access.',
            range: { filename: 'main.tf', start: { line: 3, column: 9, byte: 40 }, end: { line: 3, column: 12 } },
          },
        ],
      }),
    );
    expect(summary.errored).toBe(false);
    expect(planResult(summary)).toBe('failed');
    expect(summary.diagnostics?.[0]?.range).toEqual({ filename: 'main.tf', start: { line: 3, column: 9 } });
  });

  it('derives the module address when module_address is missing', () => {
    expect(moduleAddressOf('module.a["x.y"].module.b.aws_s3_bucket.raw[0]')).toBe('module.a["x.y"].module.b');
    expect(moduleAddressOf('aws_s3_bucket.raw')).toBeUndefined();
    expect(parsePlan(plan([change('module.m[1].aws_iam_user.u', ['create'])])).changes[0]?.moduleAddress).toBe(
      'module.m[1]',
    );
  });
});

describe('parsePlan rejections', () => {
  const message = (input: () => unknown) => {
    try {
      input();
    } catch (error) {
      expect(error).toBeInstanceOf(PlanFormatError);
      return (error as Error).message;
    }
    throw new Error('expected a PlanFormatError');
  };

  it('names a state file as a state, not a plan', () => {
    expect(message(() => parsePlan({ format_version: '1.0', values: { root_module: {} } }))).toMatch(
      /Terraform state .*without a plan file/,
    );
  });

  it('rejects JSON that is not an object, or has no format_version', () => {
    expect(message(() => parsePlan([1, 2]))).toMatch(/found an array/);
    expect(message(() => parsePlan({ resource_changes: [] }))).toMatch(/no "format_version"/);
  });

  it('refuses an unsupported major format version, as Terraform asks', () => {
    expect(message(() => parsePlan(plan([], { format_version: '2.0' })))).toMatch(/2\.0 is not supported/);
  });

  it('says where a malformed change is, by path and address', () => {
    const text = message(() =>
      parsePlan(plan([change('aws_iam_user.ok', ['create']), { ...change('aws_iam_user.bad', []), change: {} }])),
    );
    expect(text).toMatch(/resource_changes\[1\] \(aws_iam_user\.bad\)\.change\.actions/);
  });

  it('refuses action lists it does not know instead of guessing', () => {
    expect(message(() => parsePlan(plan([change('aws_iam_user.a', ['delete', 'update'])])))).toMatch(
      /resource_changes\[0\] \(aws_iam_user\.a\): unknown actions \["delete","update"\]/,
    );
  });

  it('reports JSON syntax errors by line and column without echoing the text', () => {
    const text = message(() => parsePlanText('{\n  "format_version": "1.0",\n  "x": boop\n}'));
    expect(text).toMatch(/^not JSON: syntax error at line 3, column \d+/);
    expect(text).not.toContain('boop');
    expect(message(() => parsePlanText('  \n'))).toMatch(/empty/);
  });
});

describe('redacted plans', () => {
  const sensitive = fixtureJson('sensitive-values.json');

  it('are refused where only terraform show -json output will do (the apply gate)', () => {
    const forged = { ...sensitive, [REDACTION_KEY]: SEALED_REDACTION };
    expect(() => parsePlan(forged, { allowRedacted: false })).toThrow(PlanFormatError);
    expect(() => parsePlan(forged, { allowRedacted: false })).toThrow(/redacted plan; the apply gate reads the plan/);
    expect(() => parsePlan(redactPlanJson(sensitive), { allowRedacted: false })).toThrow(/redacted plan/);
    expect(parsePlan(sensitive, { allowRedacted: false }).changes.length).toBeGreaterThan(0);
  });

  it('must carry a seal for every sensitive value when they say they are sealed', () => {
    const unsealed = { ...(redactPlanJson(sensitive) as object), [REDACTION_KEY]: SEALED_REDACTION };
    expect(() => parsePlan(unsealed)).toThrow(/a sensitive value of this sealed plan is not sealed/);
  });
});
