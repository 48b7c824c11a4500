/**
 * What a point-in-time restore does to each key, decided from its versions and delete markers alone (pure):
 * - its state at TIME is the newest entry written at or before TIME;
 * - a version then, a delete marker now: undelete (copy that version over, as the new latest);
 * - a version then, another version now: revert (copy the older version over);
 * - nothing (or a delete marker) then, a version now: created after TIME, reported and kept (a restore never deletes);
 * - the same entry then and now, or absent then and now: unchanged.
 * A version in an archive storage class cannot be copied until it is restored from the archive, and one over 5 GiB
 * not in a single request: those are reported as blocked, with what to do.
 */

import { MAX_SINGLE_COPY_BYTES } from '../../aws/s3-version-copy.ts';
import type { ObjectVersionEntry } from '../../aws/s3-versions.ts';

export type RestoreAction = 'undelete' | 'revert' | 'kept-newer' | 'blocked' | 'unchanged';

export interface RestoreStep {
  readonly key: string;
  readonly action: RestoreAction;
  /** The version the key had at TIME (copied over for undelete and revert). */
  readonly versionAt?: string;
  readonly versionAtModified?: string;
  /** The current latest entry: a version id, or "delete marker". */
  readonly current: string;
  readonly reason?: string;
}

/** Storage classes whose objects must be restored (RestoreObject) before they can be read or copied. */
const ARCHIVED = new Set(['GLACIER', 'DEEP_ARCHIVE']);

/** `entries`: every version and delete marker of one key, in any order. */
export function planKey(key: string, entries: readonly ObjectVersionEntry[], at: Date): RestoreStep {
  const newestFirst = [...entries].sort((a, b) => b.lastModified.getTime() - a.lastModified.getTime());
  const latest = newestFirst.find((e) => e.isLatest) ?? newestFirst[0];
  const then = newestFirst.find((e) => e.lastModified.getTime() <= at.getTime());
  const current = latest === undefined ? 'none' : latest.isDeleteMarker ? 'delete marker' : latest.versionId;
  const existsNow = latest !== undefined && !latest.isDeleteMarker;
  if (then === undefined || then.isDeleteMarker) {
    return existsNow
      ? { key, action: 'kept-newer', current, reason: 'did not exist at that time; kept (a restore never deletes)' }
      : { key, action: 'unchanged', current };
  }
  const base = { key, versionAt: then.versionId, versionAtModified: then.lastModified.toISOString(), current };
  if (latest !== undefined && latest.versionId === then.versionId) return { ...base, action: 'unchanged' };
  if (then.storageClass !== undefined && ARCHIVED.has(then.storageClass)) {
    return {
      ...base,
      action: 'blocked',
      reason: `that version is archived in ${then.storageClass}: restore it from the archive first (S3 console: Initiate restore), then run again`,
    };
  }
  if ((then.size ?? 0) > MAX_SINGLE_COPY_BYTES) {
    return { ...base, action: 'blocked', reason: 'that version is over 5 GiB: copy it with a multipart copy by hand' };
  }
  return { ...base, action: existsNow ? 'revert' : 'undelete' };
}

/** Entries grouped by key (a key's entries may span listing pages), planned key by key, in key order. */
export function planRestore(entries: readonly ObjectVersionEntry[], at: Date): RestoreStep[] {
  const byKey = new Map<string, ObjectVersionEntry[]>();
  for (const entry of entries) {
    const list = byKey.get(entry.key);
    if (list === undefined) byKey.set(entry.key, [entry]);
    else list.push(entry);
  }
  return [...byKey.keys()].sort().map((key) => planKey(key, byKey.get(key) ?? [], at));
}

export function isCopy(step: RestoreStep): boolean {
  return step.action === 'undelete' || step.action === 'revert';
}
