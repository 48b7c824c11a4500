import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  OpsStateConflictError,
  OpsStateStore,
  opsStateKey,
  updateOpsState,
} from '../../../src/jobs/common/ops-state.ts';
import { MemoryS3 } from './fakes.ts';

const Schema = z.object({ count: z.number() });
const BUCKET = 'state-bucket';
const NOW = new Date('2026-12-07T10:00:00Z');
const where = { cohortId: 'seoul-1', job: 'crawl', now: NOW, dryRun: false };

describe('ops state', () => {
  it('lives under ops/<cohort-id>/<job>.json and refuses unsafe segments', () => {
    expect(opsStateKey('seoul-1', 'crawl')).toBe('ops/seoul-1/crawl.json');
    expect(() => opsStateKey('../x', 'crawl')).toThrow(RangeError);
    expect(() => opsStateKey('a', 'crawl/../../x')).toThrow(RangeError);
  });

  it('creates the state only if absent, then updates it only if unchanged since read', async () => {
    const s3 = new MemoryS3();
    const store = new OpsStateStore(s3, BUCKET);
    const first = await store.read('seoul-1', 'crawl', Schema);
    expect(first).toEqual({ value: undefined, etag: undefined });
    const written = await store.write('seoul-1', 'crawl', first, { count: 1 }, NOW);
    const again = await store.read('seoul-1', 'crawl', Schema);
    expect(again.value).toEqual({ count: 1 });
    expect(again.etag).toBe(written.etag);
    // A second "first" write (another run that also found nothing) is refused.
    await expect(store.write('seoul-1', 'crawl', first, { count: 9 }, NOW)).rejects.toBeInstanceOf(
      OpsStateConflictError,
    );
  });

  it('keeps the previous state when a write fails mid-way', async () => {
    const s3 = new MemoryS3();
    const store = new OpsStateStore(s3, BUCKET);
    await updateOpsState(store, where, Schema, async () => ({ count: 1 }));
    s3.failNextPut();
    await expect(
      updateOpsState(store, where, Schema, async (prev) => ({ count: (prev?.count ?? 0) + 1 })),
    ).rejects.toThrow('connection reset');
    expect((await store.read('seoul-1', 'crawl', Schema)).value).toEqual({ count: 1 });
    // The next run starts from the intact state.
    await updateOpsState(store, where, Schema, async (prev) => ({ count: (prev?.count ?? 0) + 1 }));
    expect((await store.read('seoul-1', 'crawl', Schema)).value).toEqual({ count: 2 });
  });

  it('detects a concurrent update and keeps the other run’s state', async () => {
    const s3 = new MemoryS3();
    const store = new OpsStateStore(s3, BUCKET);
    await updateOpsState(store, where, Schema, async () => ({ count: 1 }));
    const result = await updateOpsState(store, where, Schema, async (prev) => {
      // Another run writes while this one computes.
      await updateOpsState(store, where, Schema, async () => ({ count: 50 }));
      return { count: (prev?.count ?? 0) + 1 };
    });
    expect(result.problems).toEqual([expect.stringMatching(/changed by another run.*this run's was dropped/)]);
    expect((await store.read('seoul-1', 'crawl', Schema)).value).toEqual({ count: 50 });
  });

  it('reports and replaces a state that does not parse, without failing', async () => {
    for (const body of ['{not json', JSON.stringify({ version: 1, data: { count: 'x' } }), 'null']) {
      const s3 = new MemoryS3();
      s3.objects.set(`${BUCKET}/ops/seoul-1/crawl.json`, { body, etag: '"old"' });
      const store = new OpsStateStore(s3, BUCKET);
      let seen: unknown = 'not called';
      const result = await updateOpsState(store, where, Schema, async (prev) => {
        seen = prev;
        return { count: 7 };
      });
      expect(seen).toBeUndefined();
      expect(result.problems).toEqual([expect.stringMatching(/ops\/seoul-1\/crawl\.json was ignored because/)]);
      expect((await store.read('seoul-1', 'crawl', Schema)).value).toEqual({ count: 7 });
    }
  });

  it('writes nothing on a dry run', async () => {
    const s3 = new MemoryS3();
    const store = new OpsStateStore(s3, BUCKET);
    const result = await updateOpsState(store, { ...where, dryRun: true }, Schema, async () => ({ count: 3 }));
    expect(result.value).toEqual({ count: 3 });
    expect(s3.puts).toBe(0);
  });

  it('stores a versioned envelope with the update time', async () => {
    const s3 = new MemoryS3();
    await updateOpsState(new OpsStateStore(s3, BUCKET), where, Schema, async () => ({ count: 1 }));
    const stored = JSON.parse(s3.objects.get(`${BUCKET}/ops/seoul-1/crawl.json`)?.body ?? '');
    expect(stored).toEqual({
      version: 1,
      cohort: 'seoul-1',
      job: 'crawl',
      updatedAt: NOW.toISOString(),
      data: { count: 1 },
    });
  });
});
