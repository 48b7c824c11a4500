import { describe, expect, it } from 'vitest';
import { planDigestMarker, recordedDigests } from '../../src/github/plan-digest-marker.ts';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);

describe('plan digest markers', () => {
  it('round-trip, per cohort, as hidden HTML comments on their own line', () => {
    const body = ['## plan', planDigestMarker('seoul-2026', A), planDigestMarker('busan-2026', B), 'text'].join('\n');
    expect(planDigestMarker('seoul-2026', A)).toBe(`<!-- workshop-plan-digest:seoul-2026=${A} -->`);
    expect(recordedDigests(body, 'seoul-2026')).toEqual([A]);
    expect(recordedDigests(body, 'busan-2026')).toEqual([B]);
    expect(recordedDigests(body, 'seoul')).toEqual([]);
  });

  it('ignores a marker that is not a whole line (quoted in text or code)', () => {
    expect(recordedDigests(`see \`${planDigestMarker('seoul-2026', A)}\``, 'seoul-2026')).toEqual([]);
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
