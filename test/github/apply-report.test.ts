import { describe, expect, it } from 'vitest';
import {
  applyCommentKey,
  applyOutcome,
  applyReportBody,
  parseStepOutcome,
  runUrl,
} from '../../src/github/apply-report.ts';
import { stickyMarker } from '../../src/github/sticky-comments.ts';

describe('applyOutcome', () => {
  it.each([
    ['plan', 'success', 'success', 'applied', /^applied$/],
    ['destroy', 'success', 'success', 'applied', /^destroyed$/],
    ['plan', 'skipped', 'failure', 'refused', /differs from the one reviewed/],
    ['plan', 'failure', 'success', 'failed', /terraform apply failed/],
    ['plan', 'cancelled', 'success', 'cancelled', /cancelled/],
    ['plan', 'skipped', 'cancelled', 'cancelled', /cancelled/],
    ['plan', 'skipped', 'skipped', 'not-run', /an earlier step failed/],
    ['plan', 'skipped', '', 'not-run', /an earlier step failed/],
  ] as const)('%s with apply %s and gate %s is %s', (action, apply, gate, result, text) => {
    const outcome = applyOutcome(action, apply, gate);
    expect(outcome.result).toBe(result);
    expect(outcome.text).toMatch(text);
  });
});

describe('parseStepOutcome', () => {
  it('accepts the outcomes GitHub reports and refuses anything else', () => {
    expect(parseStepOutcome('failure', 'outcome')).toBe('failure');
    expect(() => parseStepOutcome('passed', 'outcome')).toThrow(/outcome must be success, failure/);
  });
});

describe('applyReportBody', () => {
  const report = {
    cohort: 'seoul-2026',
    action: 'destroy' as const,
    outcome: applyOutcome('destroy', 'success', 'success'),
    sha: '0123456789abcdef0123456789abcdef01234567',
    runUrl: runUrl('https://github.com', 'acme/gitops', '99', '2'),
  };

  it('names the cohort, the outcome, the commit and links the run attempt', () => {
    const body = applyReportBody(report);
    expect(body).toMatch(/^### ✅ Destroy of `seoul-2026`: destroyed/);
    expect(body).toContain('`0123456789ab`');
    expect(body).toContain('(https://github.com/acme/gitops/actions/runs/99/attempts/2)');
  });

  it('refuses a cohort id that is not one (it comes from a manual run input)', () => {
    expect(() => applyReportBody({ ...report, cohort: '`@team <b>`' })).toThrow(/not a cohort id/);
  });

  it('uses one sticky key per cohort', () => {
    expect(stickyMarker(applyCommentKey('seoul-2026'), 1)).toBe('<!-- workshop-gitops:apply-seoul-2026 part=1 -->');
    expect(runUrl('https://github.com', 'acme/gitops', '99', '1')).toBe(
      'https://github.com/acme/gitops/actions/runs/99',
    );
  });
});
