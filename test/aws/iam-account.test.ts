import {
  GetAccountSummaryCommand,
  GetRoleCommand,
  IAMClient,
  ListGroupsCommand,
  ListUsersCommand,
  NoSuchEntityException,
} from '@aws-sdk/client-iam';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { iamAccountApi } from '../../src/aws/iam-account.ts';

const iam = mockClient(IAMClient);
beforeEach(() => iam.reset());

const api = () => iamAccountApi(new IAMClient({ region: 'us-east-1' }));
const when = new Date('2026-01-01T00:00:00Z');
const user = (name: string) => ({
  UserName: name,
  UserId: name,
  Arn: `arn:aws:iam::1:user/${name}`,
  Path: '/',
  CreateDate: when,
});

describe('iam account adapter', () => {
  it('reads usage and quotas from the account summary', async () => {
    iam
      .on(GetAccountSummaryCommand)
      .resolves({ SummaryMap: { Users: 40, UsersQuota: 5000, Groups: 3, GroupsQuota: 300 } });
    expect(await api().summary()).toEqual({ users: 40, usersQuota: 5000, groups: 3, groupsQuota: 300 });
  });

  it('lists user and group names under a path, every page', async () => {
    iam
      .on(ListUsersCommand, { PathPrefix: '/workshops/' })
      .resolvesOnce({ Users: [user('a')], IsTruncated: true, Marker: 'm1' })
      .resolvesOnce({ Users: [user('b')], IsTruncated: false });
    iam.on(ListGroupsCommand, { PathPrefix: '/workshops/' }).resolves({
      Groups: [{ GroupName: 'g', GroupId: 'g', Arn: 'arn:aws:iam::1:group/g', Path: '/', CreateDate: when }],
    });
    expect(await api().userNames('/workshops/')).toEqual(['a', 'b']);
    expect(iam.commandCalls(ListUsersCommand)[1]?.args[0].input.Marker).toBe('m1');
    expect(await api().groupNames('/workshops/')).toEqual(['g']);
  });

  it('says whether a role exists', async () => {
    iam.on(GetRoleCommand, { RoleName: 'there' }).resolves({});
    iam.on(GetRoleCommand, { RoleName: 'gone' }).rejects(new NoSuchEntityException({ message: 'no', $metadata: {} }));
    iam.on(GetRoleCommand, { RoleName: 'secret' }).rejects(new Error('AccessDenied'));
    expect(await api().roleExists('there')).toBe(true);
    expect(await api().roleExists('gone')).toBe(false);
    await expect(api().roleExists('secret')).rejects.toThrow('AccessDenied');
  });
});
