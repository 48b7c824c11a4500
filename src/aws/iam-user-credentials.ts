/**
 * What teardown checks and removes on a cohort's IAM users: their access keys (there must be none), their tags
 * (nothing is removed from a user without both the `managed-by` and the cohort tag) and their console password
 * (the login profile onboarding created). A user or password that is already gone is an answer, not an error.
 */
import {
  DeleteLoginProfileCommand,
  type IAMClient,
  paginateListAccessKeys,
  paginateListUserTags,
} from '@aws-sdk/client-iam';
import { absentOn } from './absent-on.ts';
import { isErrorNamed } from './errors.ts';

export interface AccessKeySummary {
  readonly id: string;
  /** `Active` or `Inactive`. */
  readonly status: string;
}

export interface IamUserCredentialsApi {
  accessKeys(userName: string): Promise<AccessKeySummary[]>;
  /** The user's tags; undefined when the user does not exist. */
  userTags(userName: string): Promise<Record<string, string> | undefined>;
  /** Removes the console password: `deleted`, or `absent` when the user had none (or is gone). */
  deleteLoginProfile(userName: string): Promise<'deleted' | 'absent'>;
}

const NO_SUCH_ENTITY = ['NoSuchEntity', 'NoSuchEntityException'];

export function iamUserCredentialsApi(client: IAMClient): IamUserCredentialsApi {
  return {
    async accessKeys(UserName) {
      const keys: AccessKeySummary[] = [];
      try {
        for await (const page of paginateListAccessKeys({ client }, { UserName })) {
          for (const key of page.AccessKeyMetadata ?? []) {
            if (key.AccessKeyId) keys.push({ id: key.AccessKeyId, status: key.Status ?? 'Active' });
          }
        }
      } catch (error) {
        if (isErrorNamed(error, ...NO_SUCH_ENTITY)) return [];
        throw error;
      }
      return keys;
    },
    async userTags(UserName) {
      const tags: Record<string, string> = {};
      try {
        for await (const page of paginateListUserTags({ client }, { UserName })) {
          for (const tag of page.Tags ?? []) if (tag.Key !== undefined) tags[tag.Key] = tag.Value ?? '';
        }
      } catch (error) {
        if (isErrorNamed(error, ...NO_SUCH_ENTITY)) return undefined;
        throw error;
      }
      return tags;
    },
    deleteLoginProfile(UserName) {
      return absentOn(NO_SUCH_ENTITY, async () => {
        await client.send(new DeleteLoginProfileCommand({ UserName }));
        return 'deleted' as const;
      });
    },
  };
}
