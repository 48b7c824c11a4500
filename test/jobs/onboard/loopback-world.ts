/** The AWS side of onboarding on the loopback server: IAM login profiles, SES v2, SNS, STS and the state bucket. */
import {
  awsError,
  type LoopbackHandler,
  type LoopbackRequest,
  memoryObjects,
  queryResult,
  restJson,
} from '../../support/aws-loopback.ts';
import { ACCOUNT } from '../common/cohorts.ts';

export interface OnboardAws {
  readonly handler: LoopbackHandler;
  /** User name → password, as IAM keeps it. */
  readonly profiles: Map<string, string>;
  /** SES requests' JSON bodies. */
  readonly sent: { FromEmailAddress?: string; Destination?: { ToAddresses?: string[] }; Content?: unknown }[];
  readonly published: string[];
  readonly objects: ReturnType<typeof memoryObjects>;
}

/** `deniedUserPrefix`: IAM refuses every call on users whose name starts with it (a permanent error). */
export function onboardAws(deniedUserPrefix?: string): OnboardAws {
  const profiles = new Map<string, string>();
  const sent: OnboardAws['sent'] = [];
  const published: string[] = [];
  const objects = memoryObjects();
  const iam = (r: LoopbackRequest) => {
    const user = r.params.get('UserName') ?? '';
    if (deniedUserPrefix !== undefined && user.startsWith(deniedUserPrefix)) {
      return awsError(
        'iam',
        'AccessDenied',
        `User: ops is not authorized to perform: iam:${r.operation} on ${user}`,
        403,
      );
    }
    const profile = { UserName: user, CreateDate: '2026-12-01T00:00:00Z', PasswordResetRequired: 'true' };
    switch (r.operation) {
      case 'GetAccountPasswordPolicy':
        return awsError('iam', 'NoSuchEntity', 'The Password Policy with domain name 123 cannot be found.', 404);
      case 'GetLoginProfile':
        return profiles.has(user)
          ? queryResult('GetLoginProfile', { LoginProfile: profile })
          : awsError('iam', 'NoSuchEntity', `Login Profile for User ${user} cannot be found.`, 404);
      case 'CreateLoginProfile':
        if (r.params.get('PasswordResetRequired') !== 'true') return awsError('iam', 'InvalidInput', 'reset required');
        profiles.set(user, r.params.get('Password') ?? '');
        return queryResult('CreateLoginProfile', { LoginProfile: profile });
      case 'UpdateLoginProfile':
        profiles.set(user, r.params.get('Password') ?? '');
        return queryResult('UpdateLoginProfile');
      case 'DeleteLoginProfile':
        profiles.delete(user);
        return queryResult('DeleteLoginProfile');
      default:
        return awsError('iam', 'InvalidAction', r.operation);
    }
  };
  const handler: LoopbackHandler = (r) => {
    const s3 = objects.handle(r);
    if (s3 !== undefined) return s3;
    if (r.service === 'iam') return iam(r);
    if (r.service === 'ses' && r.operation === 'GetSuppressedDestination') {
      return awsError('ses', 'NotFoundException', 'not on the suppression list', 404);
    }
    if (r.service === 'ses' && r.operation === 'SendEmail') {
      sent.push(JSON.parse(r.body) as OnboardAws['sent'][number]);
      return restJson({ MessageId: `m-${sent.length}` });
    }
    if (r.service === 'sns' && r.operation === 'Publish') {
      published.push(r.params.get('Message') ?? '');
      return queryResult('Publish', { MessageId: 'p-1' });
    }
    if (r.service === 'sts' && r.operation === 'GetCallerIdentity') {
      return queryResult('GetCallerIdentity', {
        Account: ACCOUNT,
        Arn: `arn:aws:sts::${ACCOUNT}:assumed-role/ops/x`,
        UserId: 'x',
      });
    }
    return awsError(r.service, 'UnknownOperation', `${r.service} ${r.operation}`);
  };
  return { handler, profiles, sent, published, objects };
}
