/**
 * The IAM side of the account as preflight reads it: usage and quotas (`GetAccountSummary`), the names of the
 * users and groups under a path (every cohort's live under `/workshops/`), and whether a role exists.
 */
import {
  GetAccountSummaryCommand,
  GetRoleCommand,
  type IAMClient,
  paginateListGroups,
  paginateListUsers,
} from '@aws-sdk/client-iam';
import { isErrorNamed } from './errors.ts';

export interface IamAccountSummary {
  readonly users: number;
  readonly usersQuota: number;
  readonly groups: number;
  readonly groupsQuota: number;
}

export interface IamAccountApi {
  summary(): Promise<IamAccountSummary>;
  userNames(pathPrefix: string): Promise<string[]>;
  groupNames(pathPrefix: string): Promise<string[]>;
  roleExists(roleName: string): Promise<boolean>;
}

export function iamAccountApi(client: IAMClient): IamAccountApi {
  return {
    async summary() {
      const { SummaryMap: map = {} } = await client.send(new GetAccountSummaryCommand({}));
      return {
        users: map.Users ?? 0,
        usersQuota: map.UsersQuota ?? 0,
        groups: map.Groups ?? 0,
        groupsQuota: map.GroupsQuota ?? 0,
      };
    },
    async userNames(PathPrefix) {
      const names: string[] = [];
      for await (const page of paginateListUsers({ client }, { PathPrefix })) {
        for (const user of page.Users ?? []) if (user.UserName) names.push(user.UserName);
      }
      return names;
    },
    async groupNames(PathPrefix) {
      const names: string[] = [];
      for await (const page of paginateListGroups({ client }, { PathPrefix })) {
        for (const group of page.Groups ?? []) if (group.GroupName) names.push(group.GroupName);
      }
      return names;
    },
    async roleExists(RoleName) {
      try {
        await client.send(new GetRoleCommand({ RoleName }));
        return true;
      } catch (error) {
        if (isErrorNamed(error, 'NoSuchEntity', 'NoSuchEntityException')) return false;
        throw error;
      }
    },
  };
}
