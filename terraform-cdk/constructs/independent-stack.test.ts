import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role/index.js';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key/index.js';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket/index.js';
import {
  App,
  Fn,
  Lazy,
  TerraformIterator,
  TerraformLocal,
  TerraformOutput,
  TerraformStack,
  TerraformVariable,
  Token,
} from 'cdktf';
import { afterAll, describe, expect, it } from 'vitest';
import { exampleCohorts, exampleSettings, WORKSHOPS_DIR } from '../../test/support/example-cohorts.ts';
import { BootstrapStack } from '../bootstrap-stack.ts';
import { CohortStack } from '../cohort-stack.ts';
import { IndependentStack } from './independent-stack.ts';

const outdirs: string[] = [];
afterAll(() => {
  for (const dir of outdirs) rmSync(dir, { recursive: true, force: true });
});

function app(): App {
  const outdir = mkdtempSync(join(tmpdir(), 'independent-stack-test-'));
  outdirs.push(outdir);
  return new App({ outdir, stackTraces: false });
}

/** What cdktf itself would write for `stack`, and what the app writes, as JSON text with keys in their order. */
function bothWays(stack: TerraformStack): { cdktf: string; ours: string } {
  return {
    cdktf: JSON.stringify(TerraformStack.prototype.toTerraform.call(stack), null, 1),
    ours: JSON.stringify(stack.toTerraform(), null, 1),
  };
}

class TokenStack extends IndependentStack {}

describe('IndependentStack.toTerraform', () => {
  for (const lakeFormation of ['iam-only', 'managed'] as const) {
    it(`writes exactly what cdktf writes for every example stack (Lake Formation "${lakeFormation}")`, () => {
      const settings = { ...exampleSettings(), lakeFormation };
      const scope = app();
      const stacks: TerraformStack[] = [new BootstrapStack(scope, { settings, cohorts: exampleCohorts() })];
      for (const cohort of exampleCohorts()) {
        stacks.push(new CohortStack(scope, { settings, cohort, cohortDir: WORKSHOPS_DIR }));
      }
      for (const stack of stacks) {
        const { cdktf, ours } = bothWays(stack);
        expect(ours, stack.node.id).toBe(cdktf);
      }
    });
  }

  /** Builds a small stack with `build`, then compares the two outputs. */
  function compare(build: (stack: TokenStack) => void): string {
    const stack = new TokenStack(app(), 'tokens');
    build(stack);
    const { cdktf, ours } = bothWays(stack);
    expect(ours).toBe(cdktf);
    expect(ours).not.toContain('TfToken');
    return ours;
  }

  it('resolves references, number tokens in values, text and keys, string maps and escapes as cdktf does', () => {
    const written = compare((stack) => {
      const key = new KmsKey(stack, 'key', { description: 'k', deletionWindowInDays: 7 });
      const days = new TerraformVariable(stack, 'days', { type: 'number' });
      const bucket = new S3Bucket(stack, 'bucket', {
        bucket: `data-${key.keyId}`,
        tags: {
          [key.keyId]: 'token key',
          plain: 'a $${literal} and %%{directive}',
          odd: '1e-5 rule-e-1',
        },
      });
      // In a map of its own: a string-token key next to it would hand the whole map to cdktf.
      new S3Bucket(stack, 'numbered', { tags: { [`${days.numberValue}`]: 'number token key', plain: 'x' } });
      new TerraformOutput(stack, 'number', { value: Token.asNumber(key.deletionWindowInDays) });
      new TerraformOutput(stack, 'number_in_text', { value: `${days.numberValue} days` });
      new TerraformOutput(stack, 'map', { value: Token.asStringMap(bucket.tags) });
      new TerraformOutput(stack, 'nested', { value: { deep: [{ arn: bucket.arn, n: 3, yes: true }] } });
      new TerraformLocal(stack, 'mixed', {
        list: [undefined, null, 1, 'x'],
        lazy: Lazy.stringValue({ produce: () => 'x' }),
      });
    });
    expect(written).toContain('${aws_kms_key.key.key_id}');
    expect(written).toContain('"${var.days}": "number token key"');
  });

  it('resolves string and number list tokens, iterators and dynamic blocks as cdktf does', () => {
    compare((stack) => {
      const bucket = new S3Bucket(stack, 'bucket', {});
      const ports = new TerraformVariable(stack, 'ports', { type: 'list(number)' });
      new TerraformOutput(stack, 'list', { value: Fn.split(',', bucket.arn) });
      new TerraformOutput(stack, 'numbers', { value: Token.asNumberList(ports.value) });
      new TerraformOutput(stack, 'numbers_from_text', { value: Token.asNumberList(Fn.split(',', bucket.arn)) });
      const each = TerraformIterator.fromList(['a', 'b']);
      new S3Bucket(stack, 'each', { forEach: each, bucket: each.value });
      const policies = TerraformIterator.fromMap({ read: { a: 1 } });
      new IamRole(stack, 'role', {
        assumeRolePolicy: '{}',
        inlinePolicy: policies.dynamic({ name: policies.key, policy: Fn.jsonencode(policies.value) }),
      });
    });
  });

  it("applies the stack's own overrides as cdktf does: deletes, lazy values, merges, and leaves nested stacks out", () => {
    compare((stack) => {
      new S3Bucket(stack, 'kept', { bucket: 'x', tags: { a: '1' } });
      new S3Bucket(stack, 'untagged', { bucket: 'y', tags: { a: '1' } });
      new S3Bucket(stack, 'lazy', { bucket: 'z', tags: { a: '1' } });
      new TerraformOutput(stack, 'listed', { value: ['a'] });
      stack.addOverride('resource.aws_s3_bucket.kept.tags.c', 'z');
      stack.addOverride('resource.aws_s3_bucket.untagged.tags', undefined);
      stack.addOverride('resource.aws_s3_bucket.lazy.tags', Lazy.anyValue({ produce: () => ({ z: '9' }) }));
      stack.addOverride('output.listed.value', Lazy.anyValue({ produce: () => ['b'] }));
      new S3Bucket(new TerraformStack(stack, 'inner'), 'elsewhere', { bucket: 'w' });
    });
  });
});
