import { describe, expect, it } from 'vitest';
import { planDigestMarker, recordedDigests } from '../../src/github/plan-digest-marker.ts';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);

describe('plan digest markers', () => {
  it('round-trip, per cohort, as hidden HTML comments opening the comment (after the sticky marker)', () => {
    const sticky = '<!-- workshop-gitops:plan part=1 -->';
    const body = [sticky, planDigestMarker('seoul-2026', A), planDigestMarker('busan-2026', B), '', '## plan'].join(
      '\n',
    );
    expect(planDigestMarker('seoul-2026', A)).toBe(`<!-- workshop-plan-digest:seoul-2026=${A} -->`);
    expect(recordedDigests(body, 'seoul-2026')).toEqual([A]);
    expect(recordedDigests(body, 'busan-2026')).toEqual([B]);
    expect(recordedDigests(body, 'seoul')).toEqual([]);
  });

  it('ignores a marker that is not a whole line (quoted in text or code)', () => {
    expect(recordedDigests(`see \`${planDigestMarker('seoul-2026', A)}\``, 'seoul-2026')).toEqual([]);
  });

  it('reads only the leading block: a marker further down (a quoted Terraform error, a title) records nothing', () => {
    const forged = ['## plan', '```text', planDigestMarker('seoul-2026', A), '```'].join('\n');
    expect(recordedDigests(forged, 'seoul-2026')).toEqual([]);
    const after = [planDigestMarker('busan-2026', B), '', planDigestMarker('seoul-2026', A)].join('\n');
    expect(recordedDigests(after, 'seoul-2026')).toEqual([]);
    expect(recordedDigests(after, 'busan-2026')).toEqual([B]);
  });

  it('collapses repeats and keeps conflicting digests apart', () => {
    const body = [A, A, B].map((d) => planDigestMarker('seoul-2026', d)).join('\n');
    expect(recordedDigests(body, 'seoul-2026')).toEqual([A, B]);
  });

  it.each([
    ['a short digest', 'seoul-2026', 'abc'],
    ['an id that would break the comment', 'x --> <b', A],
  ])('refuses to write %s', (_name, id, digest) => {
    expect(() => planDigestMarker(id, digest)).toThrow(/cannot record/);
  });
});
