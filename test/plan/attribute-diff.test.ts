import { describe, expect, it } from 'vitest';
import { diffAttributes } from '../../src/plan/attribute-diff.ts';

const byPath = (leaves: ReturnType<typeof diffAttributes>) => new Map(leaves.map((leaf) => [leaf.path, leaf]));

describe('diffAttributes', () => {
  it('walks nested objects and lists of objects, keeping scalar lists whole', () => {
    const leaves = byPath(
      diffAttributes({
        before: { tags: { Name: 'a', 'workshop:cohort': 'c1' }, rule: [{ days: 7 }], cidrs: ['10.0.0.0/8'] },
        after: { tags: { Name: 'b', 'workshop:cohort': 'c1' }, rule: [{ days: 30 }], cidrs: ['10.0.0.0/8', '::/0'] },
      }),
    );
    expect(leaves.get('tags.Name')).toMatchObject({ before: 'a', after: 'b', changed: true });
    expect(leaves.get('tags["workshop:cohort"]')).toMatchObject({ changed: false });
    expect(leaves.get('rule[0].days')).toMatchObject({ before: 7, after: 30, changed: true });
    expect(leaves.get('cidrs')).toMatchObject({ before: ['10.0.0.0/8'], after: ['10.0.0.0/8', '::/0'] });
  });

  it('withholds values that are sensitive at any level, on either side', () => {
    const leaves = diffAttributes({
      before: { user: { password: 'old-secret', name: 'n' }, keys: ['k1', 'k2'], blob: { a: 'x' } },
      after: { user: { password: 'new-secret', name: 'n' }, keys: ['k1', 'k3'], blob: 'now-a-string' },
      beforeSensitive: { user: { password: true }, blob: { a: true } },
      afterSensitive: { user: { password: true }, keys: [false, true] },
    });
    const text = JSON.stringify(leaves);
    for (const secret of ['old-secret', 'new-secret', 'k3', '"x"', 'now-a-string']) expect(text).not.toContain(secret);
    const paths = byPath(leaves);
    expect(paths.get('user.password')).toMatchObject({ sensitive: true, changed: true, hasBefore: true });
    expect(paths.get('keys[1]')).toMatchObject({ sensitive: true });
    // keys[0] is not sensitive: a per-element mask splits the list instead of hiding all of it.
    expect(paths.get('keys[0]')).toMatchObject({ sensitive: false, before: 'k1', after: 'k1' });
    // A type change whose old value held a sensitive part is withheld whole.
    expect(paths.get('blob')).toMatchObject({ sensitive: true });
  });

  it('withholds everything when a mask is true for the whole object', () => {
    const leaves = diffAttributes({ before: null, after: { a: 'secret-a' }, afterSensitive: true });
    expect(leaves).toEqual([expect.objectContaining({ path: '', sensitive: true, hasAfter: true })]);
    expect(JSON.stringify(leaves)).not.toContain('secret-a');
  });

  it('reports unknown values, including keys missing from after and elements of lists', () => {
    const leaves = byPath(
      diffAttributes({
        before: null,
        after: { name: 'n', ids: ['a', null] },
        afterUnknown: { arn: true, ids: [false, true] },
      }),
    );
    expect(leaves.get('arn')).toMatchObject({ unknown: true, hasAfter: true, hasBefore: false });
    expect(leaves.get('ids[1]')).toMatchObject({ unknown: true });
    expect(leaves.get('ids[0]')).toMatchObject({ unknown: false, after: 'a' });
  });

  it('marks attributes inside a replace path, and only those', () => {
    const leaves = byPath(
      diffAttributes({
        before: { name: 'a', cfg: { x: 1, y: 1 }, other: 1 },
        after: { name: 'b', cfg: { x: 2, y: 1 }, other: 2 },
        replacePaths: [['name'], ['cfg']],
      }),
    );
    expect(leaves.get('name')?.forcesReplacement).toBe(true);
    expect(leaves.get('cfg.x')?.forcesReplacement).toBe(true);
    expect(leaves.get('other')?.forcesReplacement).toBe(false);
  });

  it('tells absent from null', () => {
    const leaves = byPath(diffAttributes({ before: { a: null }, after: { a: null, b: null } }));
    expect(leaves.get('a')).toMatchObject({ hasBefore: true, hasAfter: true, changed: false });
    expect(leaves.get('b')).toMatchObject({ hasBefore: false, hasAfter: true, changed: true });
  });
});
