/** An in-memory IssueCommentsApi for tests that need comments but not the REST layer. */
import type { IssueComment, IssueCommentsApi } from '../../src/github/sticky-comments.ts';

export class MemoryComments implements IssueCommentsApi {
  comments: { id: number; issue: number; body: string }[] = [];
  private next = 1;

  add(issue: number, body: string): number {
    const id = this.next++;
    this.comments.push({ id, issue, body });
    return id;
  }

  async *list(issue: number): AsyncIterable<IssueComment> {
    for (const comment of this.comments.filter((c) => c.issue === issue)) yield comment;
  }

  async create(issue: number, body: string): Promise<IssueComment> {
    return { id: this.add(issue, body), body };
  }

  async update(id: number, body: string): Promise<IssueComment> {
    const comment = this.comments.find((c) => c.id === id);
    if (!comment) throw new Error(`no comment ${id}`);
    comment.body = body;
    return comment;
  }

  async remove(id: number): Promise<void> {
    this.comments = this.comments.filter((c) => c.id !== id);
  }
}
