import { describe, expect, it } from 'vitest';
import type { ObjectVersionEntry } from '../../../src/aws/s3-versions.ts';
import { planKey, planRestore } from '../../../src/jobs/restore/restore-plan.ts';

const AT = new Date('2026-12-08T05:30:00Z');
const earlier = (minutes: number) => new Date(AT.getTime() - minutes * 60_000);
const later = (minutes: number) => new Date(AT.getTime() + minutes * 60_000);

function version(versionId: string, lastModified: Date, over: Partial<ObjectVersionEntry> = {}): ObjectVersionEntry {
  return { key: 'k', versionId, lastModified, isLatest: false, isDeleteMarker: false, size: 10, ...over };
}
const marker = (versionId: string, lastModified: Date, isLatest = false) =>
  version(versionId, lastModified, { isDeleteMarker: true, isLatest });

describe('planKey', () => {
  it('undeletes a key deleted after the time: the version of that time is copied back', () => {
    const entries = [version('v1', earlier(60)), version('v2', earlier(10)), marker('d1', later(5), true)];
    expect(planKey('k', entries, AT)).toEqual({
      key: 'k',
      action: 'undelete',
      versionAt: 'v2',
      versionAtModified: earlier(10).toISOString(),
      current: 'delete marker',
    });
  });

  it('reverts a key overwritten after the time to the version of that time', () => {
    const entries = [
      version('v3', later(1), { isLatest: true }),
      version('v2', earlier(1)),
      version('v1', earlier(90)),
    ];
    expect(planKey('k', entries, AT)).toMatchObject({ action: 'revert', versionAt: 'v2', current: 'v3' });
  });

  it('keeps, and only reports, a key created after the time', () => {
    expect(planKey('k', [version('v1', later(1), { isLatest: true })], AT)).toMatchObject({
      action: 'kept-newer',
      current: 'v1',
    });
  });

  it('keeps a key that was deleted at the time and written again since', () => {
    const entries = [version('v2', later(3), { isLatest: true }), marker('d1', earlier(5)), version('v1', earlier(50))];
    expect(planKey('k', entries, AT).action).toBe('kept-newer');
  });

  it('leaves a key unchanged when its latest version is the one of that time, or it is absent then and now', () => {
    expect(planKey('k', [version('v1', earlier(5), { isLatest: true })], AT).action).toBe('unchanged');
    expect(planKey('k', [marker('d1', earlier(1), true), version('v1', earlier(9))], AT).action).toBe('unchanged');
    expect(
      planKey('k', [marker('d2', later(1), true), marker('d1', earlier(1)), version('v1', earlier(9))], AT).action,
    ).toBe('unchanged');
  });

  it('counts a version written exactly at the time as the state then', () => {
    expect(planKey('k', [version('v2', later(1), { isLatest: true }), version('v1', AT)], AT)).toMatchObject({
      action: 'revert',
      versionAt: 'v1',
    });
  });

  it('blocks versions that cannot be copied in one request, saying what to do', () => {
    const archived = [marker('d', later(1), true), version('v1', earlier(9), { storageClass: 'DEEP_ARCHIVE' })];
    expect(planKey('k', archived, AT)).toMatchObject({
      action: 'blocked',
      reason: expect.stringContaining('DEEP_ARCHIVE'),
    });
    const huge = [marker('d', later(1), true), version('v1', earlier(9), { size: 6 * 1024 ** 3 })];
    expect(planKey('k', huge, AT)).toMatchObject({ action: 'blocked', reason: expect.stringContaining('5 GiB') });
  });
});

describe('planRestore', () => {
  it('groups entries by key whatever their order', () => {
    const entries = [
      { ...version('b2', later(1), { isLatest: true }), key: 'b' },
      { ...marker('a-d', later(1), true), key: 'a' },
      { ...version('a1', earlier(1)), key: 'a' },
      { ...version('b1', earlier(1)), key: 'b' },
    ];
    expect(planRestore(entries, AT).map((s) => [s.key, s.action, s.versionAt])).toEqual([
      ['a', 'undelete', 'a1'],
      ['b', 'revert', 'b1'],
    ]);
  });
});
