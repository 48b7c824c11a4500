import { describe, expect, it } from 'vitest';
import { stickyMarker, upsertStickyComments } from '../../src/github/sticky-comments.ts';
import { readStickyPart, recordingWrites } from '../../src/github/sticky-part.ts';
import { MemoryComments } from './memory-comments.ts';

describe('readStickyPart', () => {
  it('finds the part whose marker opens the body, not a quote of it, nor part 10 for part 1', async () => {
    const api = new MemoryComments();
    api.add(1, `quoting ${stickyMarker('plan', 1)}`);
    api.add(1, `${stickyMarker('plan', 10)}\nten`);
    api.add(1, `${stickyMarker('plan', 1)}\none`);
    expect(await readStickyPart(api, 1, 'plan', 1)).toBe(`${stickyMarker('plan', 1)}\none`);
    expect(await readStickyPart(api, 1, 'plan', 2)).toBeUndefined();
  });
});

describe('recordingWrites', () => {
  it('lists the comment of every part in order, whether created or updated', async () => {
    const api = new MemoryComments();
    await upsertStickyComments(api, 1, 'plan', ['a', 'b']);
    const { api: recording, written } = recordingWrites(api);
    await upsertStickyComments(recording, 1, 'plan', ['a2', 'b2', 'c2']);
    const ids = api.comments.map((c) => c.id);
    expect(written).toEqual(ids);
    expect(api.comments.map((c) => c.body.split('\n')[1])).toEqual(['a2', 'b2', 'c2']);
  });
});
