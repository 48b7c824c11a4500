import { describe, expect, it } from 'vitest';
import { catalogMode, includesRole } from '../../../src/jobs/preflight/lake-formation-check.ts';

describe('the catalog mode', () => {
  const settings = (databases: boolean, tables: boolean) => ({
    admins: [],
    readOnlyAdmins: [],
    iamAllowedOnNewDatabases: databases,
    iamAllowedOnNewTables: tables,
  });

  it('is iam-only only while both new databases and new tables grant IAM_ALLOWED_PRINCIPALS', () => {
    expect(catalogMode(settings(true, true))).toBe('iam-only');
    expect(catalogMode(settings(true, false))).toBe('managed');
    expect(catalogMode(settings(false, true))).toBe('managed');
    expect(catalogMode(settings(false, false))).toBe('managed');
  });
});

describe('finding a role among Lake Formation principals', () => {
  const apply = 'arn:aws:iam::123456789012:role/ci/workshop-gitops-apply';

  it('matches the role with or without its path', () => {
    expect(includesRole([apply], apply)).toBe(true);
    expect(includesRole(['arn:aws:iam::123456789012:role/workshop-gitops-apply'], apply)).toBe(true);
  });

  it('does not match another role, another account or a user of the same name', () => {
    expect(includesRole(['arn:aws:iam::123456789012:role/workshop-gitops-apply-2'], apply)).toBe(false);
    expect(includesRole(['arn:aws:iam::210987654321:role/workshop-gitops-apply'], apply)).toBe(false);
    expect(includesRole(['arn:aws:iam::123456789012:user/workshop-gitops-apply'], apply)).toBe(false);
    expect(includesRole(['IAM_ALLOWED_PRINCIPALS'], apply)).toBe(false);
  });
});
