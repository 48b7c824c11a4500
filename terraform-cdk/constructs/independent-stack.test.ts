import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key/index.js';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket/index.js';
import { App, Fn, TerraformOutput, TerraformStack, Token } from 'cdktf';
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

/** What cdktf itself would write for `stack`, and what the app writes, as the JSON text that reaches the file. */
function bothWays(stack: TerraformStack): { cdktf: unknown; ours: unknown } {
  const json = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown;
  return { cdktf: json(TerraformStack.prototype.toTerraform.call(stack)), ours: json(stack.toTerraform()) };
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
        expect(ours, stack.node.id).toEqual(cdktf);
      }
    });
  }

  it('resolves every kind of token as cdktf does: references, numbers, lists, maps, token keys, stack overrides', () => {
    const stack = new TokenStack(app(), 'tokens');
    const key = new KmsKey(stack, 'key', { description: 'k', deletionWindowInDays: 7 });
    const bucket = new S3Bucket(stack, 'bucket', {
      bucket: `data-${key.keyId}`,
      tags: { [key.keyId]: 'token key', plain: 'a $${literal} and %%{directive}', odd: '1e-5 rule-e-1' },
    });
    const days = Token.asNumber(key.deletionWindowInDays);
    new TerraformOutput(stack, 'number', { value: days });
    new TerraformOutput(stack, 'number_in_text', { value: `${days} days` });
    new TerraformOutput(stack, 'list', { value: Fn.split(',', bucket.arn) });
    new TerraformOutput(stack, 'list_element', { value: [Token.asString(Fn.element(Fn.split(',', 'a,b'), 0)), 'x'] });
    new TerraformOutput(stack, 'map', { value: Token.asStringMap(bucket.tags) });
    new TerraformOutput(stack, 'nested', { value: { deep: [{ arn: bucket.arn, n: 3, yes: true }] } });
    stack.addOverride('terraform.backend.local.path', `${bucket.bucket}.tfstate`);

    const { cdktf, ours } = bothWays(stack);
    expect(ours).toEqual(cdktf);
    expect(JSON.stringify(ours)).toContain('${aws_kms_key.key.key_id}');
    expect(JSON.stringify(ours)).not.toContain('TfToken');
  });
});
