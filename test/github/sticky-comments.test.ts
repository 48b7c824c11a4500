import { describe, expect, it } from 'vitest';
import {
  type IssueComment,
  type IssueCommentsApi,
  stickyMarker,
  upsertStickyComments,
} from '../../src/github/sticky-comments.ts';

class FakeComments implements IssueCommentsApi {
  comments: { id: number; issue: number; body: string }[] = [];
  calls: string[] = [];
  private next = 100;

  async *list(issue: number): AsyncIterable<IssueComment> {
    this.calls.push('list');
    for (const c of this.comments.filter((c) => c.issue === issue)) yield c;
  }
  async create(issue: number, body: string) {
    this.calls.push('create');
    const comment = { id: this.next++, issue, body };
    this.comments.push(comment);
    return comment;
  }
  async update(id: number, body: string) {
    this.calls.push(`update:${id}`);
    const comment = this.comments.find((c) => c.id === id);
    if (!comment) throw new Error('404');
    comment.body = body;
    return comment;
  }
  async remove(id: number) {
    this.calls.push(`remove:${id}`);
    this.comments = this.comments.filter((c) => c.id !== id);
  }
}

describe('upsertStickyComments', () => {
  it('creates the comment once and then updates the same one', async () => {
    const api = new FakeComments();
    await upsertStickyComments(api, 7, 'plan', ['first']);
    const [created] = api.comments;
    const second = await upsertStickyComments(api, 7, 'plan', ['second']);
    expect(api.comments).toHaveLength(1);
    expect(second.updated).toEqual([created?.id]);
    expect(api.comments[0]?.body).toBe(`${stickyMarker('plan', 1)}\nsecond`);
  });

  it('adds continuation parts and deletes the ones a shorter rendering no longer needs', async () => {
    const api = new FakeComments();
    await upsertStickyComments(api, 7, 'plan', ['a', 'b', 'c']);
    expect(api.comments.map((c) => c.body.split('\n')[1])).toEqual(['a', 'b', 'c']);
    const result = await upsertStickyComments(api, 7, 'plan', ['a2']);
    expect(result.deleted).toHaveLength(2);
    expect(api.comments.map((c) => c.body)).toEqual([`${stickyMarker('plan', 1)}\na2`]);
  });

  it('leaves human comments, other keys and other issues alone, even when they quote the marker', async () => {
    const api = new FakeComments();
    api.comments.push(
      { id: 1, issue: 7, body: 'LGTM' },
      { id: 2, issue: 7, body: `see above: ${stickyMarker('plan', 1)}` },
      { id: 3, issue: 7, body: `${stickyMarker('drift', 1)}\nother` },
      { id: 4, issue: 8, body: `${stickyMarker('plan', 1)}\nother issue` },
    );
    await upsertStickyComments(api, 7, 'plan', ['mine']);
    expect(api.comments.filter((c) => c.id < 100).map((c) => c.body)).toEqual([
      'LGTM',
      `see above: ${stickyMarker('plan', 1)}`,
      `${stickyMarker('drift', 1)}\nother`,
      `${stickyMarker('plan', 1)}\nother issue`,
    ]);
  });

  it('folds duplicates of a part left by racing runs into one', async () => {
    const api = new FakeComments();
    api.comments.push(
      { id: 1, issue: 7, body: `${stickyMarker('plan', 1)}\nold` },
      { id: 2, issue: 7, body: `${stickyMarker('plan', 1)}\nold twin` },
    );
    await upsertStickyComments(api, 7, 'plan', ['new']);
    expect(api.comments).toEqual([{ id: 1, issue: 7, body: `${stickyMarker('plan', 1)}\nnew` }]);
  });

  it('rejects keys that could break the marker', () => {
    expect(() => stickyMarker('a -->', 1)).toThrow(/invalid sticky comment key/);
  });
});
