/** Console passwords of IAM users (login profiles) and the account's password policy. */
import {
  CreateLoginProfileCommand,
  DeleteLoginProfileCommand,
  GetAccountPasswordPolicyCommand,
  GetLoginProfileCommand,
  type IAMClient,
  UpdateLoginProfileCommand,
} from '@aws-sdk/client-iam';
import { isErrorNamed } from './errors.ts';

export interface PasswordPolicy {
  readonly minimumLength: number;
  readonly requireSymbols: boolean;
  readonly requireNumbers: boolean;
  readonly requireUppercase: boolean;
  readonly requireLowercase: boolean;
}

/**
 * What IAM enforces when the account sets no policy: at least 8 characters and three of the four character classes
 * (the generator always uses all four).
 */
export const AWS_DEFAULT_PASSWORD_POLICY: PasswordPolicy = {
  minimumLength: 8,
  requireSymbols: false,
  requireNumbers: false,
  requireUppercase: false,
  requireLowercase: false,
};

export interface IamApi {
  /** Whether the user has a console password. */
  hasLoginProfile(userName: string): Promise<boolean>;
  /** A console password the user must change at first sign-in. */
  createLoginProfile(userName: string, password: string): Promise<void>;
  updateLoginProfile(userName: string, password: string): Promise<void>;
  deleteLoginProfile(userName: string): Promise<void>;
  /** The account's policy, or AWS's default when the account has none. */
  passwordPolicy(): Promise<PasswordPolicy>;
}

export function iamApi(client: IAMClient): IamApi {
  return {
    async hasLoginProfile(userName) {
      try {
        await client.send(new GetLoginProfileCommand({ UserName: userName }));
        return true;
      } catch (error) {
        if (isErrorNamed(error, 'NoSuchEntity', 'NoSuchEntityException')) return false;
        throw error;
      }
    },
    async createLoginProfile(userName, password) {
      await client.send(
        new CreateLoginProfileCommand({ UserName: userName, Password: password, PasswordResetRequired: true }),
      );
    },
    async updateLoginProfile(userName, password) {
      await client.send(
        new UpdateLoginProfileCommand({ UserName: userName, Password: password, PasswordResetRequired: true }),
      );
    },
    async deleteLoginProfile(userName) {
      await client.send(new DeleteLoginProfileCommand({ UserName: userName }));
    },
    async passwordPolicy() {
      try {
        const { PasswordPolicy: p } = await client.send(new GetAccountPasswordPolicyCommand({}));
        return {
          minimumLength: p?.MinimumPasswordLength ?? AWS_DEFAULT_PASSWORD_POLICY.minimumLength,
          requireSymbols: p?.RequireSymbols ?? false,
          requireNumbers: p?.RequireNumbers ?? false,
          requireUppercase: p?.RequireUppercaseCharacters ?? false,
          requireLowercase: p?.RequireLowercaseCharacters ?? false,
        };
      } catch (error) {
        if (isErrorNamed(error, 'NoSuchEntity', 'NoSuchEntityException')) return AWS_DEFAULT_PASSWORD_POLICY;
        throw error;
      }
    },
  };
}
