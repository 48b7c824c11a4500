import { describe, expect, it } from 'vitest';
import { parsePlan } from '../../src/plan/read-plan.ts';
import { renderPlanDetails } from '../../src/render/plan-details.ts';
import { splitComment } from '../../src/render/split-comment.ts';
import { fixtureNames, loadFixture, SECRET } from '../plan/plan-fixtures.ts';
import { withoutCode } from './markdown-text.ts';

function resource(address: string, actions: string[], change: Record<string, unknown> = {}, extra = {}) {
  const parts = address.split('.');
  return {
    address,
    mode: address.startsWith('data.') ? 'data' : 'managed',
    type: parts.at(-2) ?? 't',
    name: parts.at(-1) ?? 'n',
    change: { actions, before: null, after: null, ...change },
    ...extra,
  };
}

function render(resourceChanges: unknown[], extra: Record<string, unknown> = {}): string {
  return renderPlanDetails('cohort', parsePlan({ format_version: '1.2', resource_changes: resourceChanges, ...extra }));
}

describe('renderPlanDetails on every fixture', () => {
  it.each(fixtureNames())('renders %s', (name) => {
    const markdown = renderPlanDetails(name.replace(/\.json$/, ''), loadFixture(name));
    expect(markdown).toContain(`### \`${name.replace(/\.json$/, '')}\``);
    expect(markdown).not.toMatch(/undefined|\[object Object\]|NaN/);
    // Every <details> is closed.
    expect(markdown.match(/^<details>/gm)?.length ?? 0).toBe(markdown.match(/^<\/details>/gm)?.length ?? 0);
  });
});

describe('renderPlanDetails', () => {
  it('never shows the sensitive value of sensitive-values.json, in the rendering or the split comment', () => {
    const plan = loadFixture('sensitive-values.json');
    const markdown = renderPlanDetails('s', plan);
    expect(markdown).not.toContain(SECRET);
    expect(JSON.stringify(plan)).not.toContain(SECRET);
    expect(markdown).toContain('- `ami`: (sensitive value)');
    expect(markdown).toContain('- `test`: (sensitive value)');
    expect(splitComment([{ kind: 'text', markdown }], { limit: 2000 }).join('\n')).not.toContain(SECRET);
  });

  it("renders Terraform's line, a replacement with its forcing attribute and a destructive warning", () => {
    const markdown = renderPlanDetails('r', loadFixture('requires-replace.json'));
    expect(markdown).toContain('`Plan: 1 to add, 0 to change, 1 to destroy.`');
    expect(markdown).toContain('> - `test_instance.test` will be **replaced** (`ami` changed, forces replacement)');
    expect(markdown).toContain('**-/+ replace** `test_instance.test`');
    expect(markdown).toContain('- `ami`: `"bar"` → `"force-replace"` **(forces replacement)**');
    expect(markdown).toContain('- `id`: `"placeholder"` → (known after apply)');
    // The warning comes before the collapsed details.
    expect(markdown.indexOf('[!WARNING]')).toBeLessThan(markdown.indexOf('<details>'));
  });

  it('renders a failed plan as failed, with the diagnostics it carries', () => {
    const failed = renderPlanDetails('e', loadFixture('plan-error.json'));
    expect(failed).toContain('> [!CAUTION]\n> **Plan failed.**');
    expect(failed).toContain('carries no diagnostics');
    expect(failed).not.toContain('Plan: ');
    const withDiagnostics = render([], {
      diagnostics: [
        {
          severity: 'error',
          summary: 'Reference to undeclared local value',
          detail: 'A local value with the name "ami" has not been declared.',
          address: 'test_instance.test',
          range: { filename: 'main.tf', start: { line: 7, column: 11 } },
        },
      ],
    });
    expect(withDiagnostics).toContain('**Error:** Reference to undeclared local value');
    expect(withDiagnostics).toContain('at `main.tf:7:11` · `test_instance.test`');
    expect(withDiagnostics).toContain('```text\nA local value with the name "ami" has not been declared.\n```');
  });

  it.each(['drift.json', 'moved-drift.json'])('shows what %s changed outside Terraform in its own section', (name) => {
    const markdown = renderPlanDetails('d', loadFixture(name));
    const section = markdown.slice(markdown.indexOf('<details><summary>Changed outside Terraform (1)</summary>'));
    expect(section).toMatch(/^<details><summary>Changed outside Terraform \(1\)<\/summary>/);
    expect(section).toContain('- `ami`: `"refresh-me"` → `"refreshed"`');
    expect(markdown).toContain('1 resource changed outside Terraform since the last apply');
  });

  it('shows moved resources in their own section', () => {
    const markdown = renderPlanDetails('m', loadFixture('moved.json'));
    expect(markdown).toContain('<details><summary>Moved and imported (1)</summary>');
    expect(markdown).toContain('- moved `test_instance.foo` → `test_instance.baz` · also updated');
    const moveOnly = renderPlanDetails('m', loadFixture('multi-resource-update.json'));
    expect(moveOnly).toContain('- moved `test_instance.test` → `test_instance.test[0]`\n');
  });

  it('shows imports, and unknown values as known after apply', () => {
    const markdown = render([
      resource('aws_iam_user.a', ['no-op'], {
        importing: { id: 'student-a' },
        before: { name: 'a' },
        after: { name: 'a' },
      }),
    ]);
    expect(markdown).toContain('`Plan: 1 to import, 0 to add, 0 to change, 0 to destroy.`');
    expect(markdown).toContain('- imported `aws_iam_user.a` from id `student-a`');
    expect(renderPlanDetails('u', loadFixture('unknown-output.json'))).toContain('- known after apply: `bar[1]`');
    expect(renderPlanDetails('c', loadFixture('basic-create.json'))).toContain('- known after apply: `id`');
  });

  it('says "No changes." for a plan of no-ops', () => {
    expect(renderPlanDetails('n', loadFixture('basic-update.json'))).toContain(
      '`No changes. Your infrastructure matches the configuration.`',
    );
  });

  it('calls out data loss, first, for buckets, KMS keys (and replicas), the Glue database and the trail', () => {
    const before = { before: { name: 'x' } };
    const markdown = render([
      resource('aws_iam_user.student', ['delete'], before, { action_reason: 'delete_because_no_resource_config' }),
      resource('aws_s3_bucket.raw_replica', ['delete'], before),
      resource('aws_kms_key.cohort', ['create', 'delete'], {
        ...before,
        after: { name: 'y' },
        replace_paths: [['name']],
      }),
      resource('aws_kms_replica_key.backup', ['delete'], before),
      resource('aws_glue_catalog_database.cohort', ['delete'], before),
      resource('aws_cloudtrail.trail', ['delete'], before),
      resource('data.aws_s3_bucket.shared', ['read']),
    ]);
    const warnings = markdown.split('\n').filter((line) => line.startsWith('> - '));
    expect(warnings).toHaveLength(6);
    expect(markdown).toContain('> [!CAUTION]\n> **6 destructive changes, 5 with data loss**');
    expect(warnings.slice(0, 5).every((line) => line.includes('**DATA LOSS**'))).toBe(true);
    expect(warnings[5]).toBe('> - `aws_iam_user.student` will be **destroyed** (no longer in the configuration)');
    expect(warnings.join('\n')).toContain(
      '`aws_kms_key.cohort` will be **replaced** (`name` changed, forces replacement; new object created first)',
    );
    expect(markdown).not.toContain('aws_s3_bucket.shared` will');
  });

  it('groups changes by action, destructive first', () => {
    const markdown = render([
      resource('aws_iam_user.c', ['create'], { after: { name: 'c' } }),
      resource('aws_iam_user.u', ['update'], { before: { name: 'u' }, after: { name: 'v' } }),
      resource('aws_iam_user.d', ['delete'], { before: { name: 'd' } }),
      resource('data.aws_region.r', ['read']),
    ]);
    const headings = markdown.split('\n').filter((line) => line.startsWith('#### '));
    expect(headings).toEqual([
      '#### Destroy (1)',
      '#### Update in place (1)',
      '#### Create (1)',
      '#### Read (data sources) (1)',
    ]);
    expect(markdown).toContain('- `name`: `"u"` → `"v"`');
  });

  it('renders text from the plan inert', () => {
    const hostile = '<script>alert(1)</script> @octocat | `x` </details>';
    const markdown = render(
      [
        resource('aws_iam_user.a', ['update'], {
          before: { tags: { [hostile]: 'a' } },
          after: { tags: { [hostile]: hostile } },
        }),
        resource('aws_iam_user.b["</details>`|"]', ['delete'], { before: { name: 'b' } }),
      ],
      { diagnostics: [{ severity: 'warning', summary: hostile, detail: `${hostile}\n\`\`\`\n</details>` }] },
    );
    const live = withoutCode(markdown);
    expect(live).not.toMatch(/<script|@octocat|<\/details>\s*@/);
    // The only live <details> tags are the renderer's own, balanced.
    expect(live.match(/<\/details>/g)?.length).toBe(live.match(/<details>/g)?.length);
    expect(live).toContain('&lt;script&gt;');
  });

  it('truncates long values and long attribute lists with a note', () => {
    const long = 'x'.repeat(5000);
    const after = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`a${String(i).padStart(2, '0')}`, i]));
    const markdown = render([
      resource('aws_iam_policy.p', ['update'], { before: { policy: 'short' }, after: { policy: long } }),
      resource('aws_iam_user.many', ['create'], { after }),
    ]);
    expect(markdown).toContain('_(5,002 characters, truncated)_');
    expect(markdown).not.toContain(long);
    expect(markdown).toContain('- _… and 10 more attributes_');
  });
});
