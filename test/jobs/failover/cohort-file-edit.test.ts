import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { editFailover, FailoverError } from '../../../src/jobs/failover/cohort-file-edit.ts';
import { BUSAN, SEOUL, WORKSHOPS_DIR } from '../../support/example-cohorts.ts';

const read = (id: string) => readFileSync(join(WORKSHOPS_DIR, `${id}.yaml`), 'utf8');
const FILE = `workshops/${SEOUL}.yaml`;

/** Lines of `after` not in `before`, and the reverse. */
function lineDiff(before: string, after: string) {
  const a = before.split('\n');
  const b = after.split('\n');
  return {
    added: b.filter((l) => !a.includes(l)),
    removed: a.filter((l) => !b.includes(l)),
    lengths: [a.length, b.length],
  };
}

describe('editFailover', () => {
  it('adds exactly one line under regions, keeping every comment, quote and flow collection', () => {
    const original = read(SEOUL);
    const edited = editFailover(FILE, original, 'failover');
    expect(edited).toMatchObject({ primary: 'ap-northeast-2', backup: 'ap-southeast-1' });
    const diff = lineDiff(original, edited.text);
    expect(diff.added).toEqual(['  failover: true']);
    expect(diff.removed).toEqual([]);
    expect(diff.lengths[1]).toBe((diff.lengths[0] ?? 0) + 1);
    const lines = edited.text.split('\n');
    expect(lines[lines.indexOf('  failover: true') - 1]).toBe('  backup: ap-southeast-1');
  });

  it('fails back to the very same text', () => {
    const original = read(SEOUL);
    const over = editFailover(FILE, original, 'failover').text;
    expect(editFailover(FILE, over, 'failback').text).toBe(original);
  });

  it('refuses a cohort without a backup region, and asks in the right state only', () => {
    expect(() => editFailover(`workshops/${BUSAN}.yaml`, read(BUSAN), 'failover')).toThrow(
      /sets no regions.backup: there is no replica to fail over to/,
    );
    const over = editFailover(FILE, read(SEOUL), 'failover').text;
    expect(() => editFailover(FILE, over, 'failover')).toThrow(/already has regions.failover: true/);
    expect(() => editFailover(FILE, read(SEOUL), 'failback')).toThrow(/is not failed over on main/);
  });

  it('refuses a file that is not valid YAML or would not be a valid cohort', () => {
    expect(() => editFailover(FILE, 'regions: [unclosed', 'failover')).toThrow(FailoverError);
    const invalid = read(SEOUL).replace('limitUsd: 300', 'limitUsd: -1');
    expect(() => editFailover(FILE, invalid, 'failover')).toThrow(
      /would not be valid after the change \(budget.limitUsd/,
    );
  });

  it('turns an explicit false into true, and keeps a comment on the line before', () => {
    const original = read(SEOUL).replace(
      '  backup: ap-southeast-1\n',
      '  backup: ap-southeast-1 # Singapore\n  failover: false   # flip in a disaster\n',
    );
    const edited = editFailover(FILE, original, 'failover').text;
    expect(lineDiff(original, edited)).toMatchObject({
      added: ['  failover: true   # flip in a disaster'],
      removed: ['  failover: false   # flip in a disaster'],
    });
    expect(edited).toContain('  backup: ap-southeast-1 # Singapore\n');
  });

  it('adds the line at the end of a file without a final newline', () => {
    const full = read(SEOUL)
      .replace(/regions:\n {2}primary: ap-northeast-2\n {2}backup: ap-southeast-1\n/, '')
      .trimEnd();
    const last = `${full}\nregions:\n    primary: ap-northeast-2\n    backup: ap-southeast-1`;
    expect(editFailover(FILE, last, 'failover').text.endsWith('    backup: ap-southeast-1\n    failover: true\n')).toBe(
      true,
    );
  });

  it('refuses regions written as a flow mapping rather than re-printing the file', () => {
    const flow = read(SEOUL).replace(
      'regions:\n  primary: ap-northeast-2\n  backup: ap-southeast-1\n',
      'regions: { primary: ap-northeast-2, backup: ap-southeast-1 }\n',
    );
    expect(() => editFailover(FILE, flow, 'failover')).toThrow(/flow mapping/);
  });
});
