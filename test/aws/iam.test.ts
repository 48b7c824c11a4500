import {
  CreateLoginProfileCommand,
  GetAccountPasswordPolicyCommand,
  GetLoginProfileCommand,
  IAMClient,
  NoSuchEntityException,
  UpdateLoginProfileCommand,
} from '@aws-sdk/client-iam';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { AWS_DEFAULT_PASSWORD_POLICY, iamApi } from '../../src/aws/iam.ts';

const iam = mockClient(IAMClient);
beforeEach(() => iam.reset());
const api = () => iamApi(new IAMClient({ region: 'us-east-1' }));
const noSuchEntity = () => new NoSuchEntityException({ message: 'cannot be found', $metadata: {} });

describe('iam adapter', () => {
  it('tells whether a user has a console password', async () => {
    iam
      .on(GetLoginProfileCommand, { UserName: 'has' })
      .resolves({ LoginProfile: { UserName: 'has', CreateDate: new Date() } });
    iam.on(GetLoginProfileCommand, { UserName: 'none' }).rejects(noSuchEntity());
    expect(await api().hasLoginProfile('has')).toBe(true);
    expect(await api().hasLoginProfile('none')).toBe(false);
  });

  it('creates and updates passwords that must be reset at first sign-in', async () => {
    iam.on(CreateLoginProfileCommand).resolves({});
    iam.on(UpdateLoginProfileCommand).resolves({});
    await api().createLoginProfile('u', 'p1');
    await api().updateLoginProfile('u', 'p2');
    expect(iam.commandCalls(CreateLoginProfileCommand)[0]?.args[0].input).toEqual({
      UserName: 'u',
      Password: 'p1',
      PasswordResetRequired: true,
    });
    expect(iam.commandCalls(UpdateLoginProfileCommand)[0]?.args[0].input.PasswordResetRequired).toBe(true);
  });

  it("reads the account's password policy, and AWS's default when the account has none", async () => {
    iam
      .on(GetAccountPasswordPolicyCommand)
      .resolvesOnce({
        PasswordPolicy: {
          MinimumPasswordLength: 24,
          RequireSymbols: true,
          RequireNumbers: false,
          RequireUppercaseCharacters: true,
          RequireLowercaseCharacters: true,
        },
      })
      .rejectsOnce(noSuchEntity());
    expect(await api().passwordPolicy()).toEqual({
      minimumLength: 24,
      requireSymbols: true,
      requireNumbers: false,
      requireUppercase: true,
      requireLowercase: true,
    });
    expect(await api().passwordPolicy()).toEqual(AWS_DEFAULT_PASSWORD_POLICY);
  });

  it('passes other errors through', async () => {
    iam.on(GetLoginProfileCommand).rejects(Object.assign(new Error('denied'), { name: 'AccessDenied' }));
    await expect(api().hasLoginProfile('u')).rejects.toThrow('denied');
  });
});
