import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import { snsApi, topicArn } from '../../src/aws/sns.ts';
import { stsApi } from '../../src/aws/sts.ts';

describe('sns adapter', () => {
  it('publishes subject and message to the topic', async () => {
    const sns = mockClient(SNSClient);
    sns.on(PublishCommand).resolves({ MessageId: 'm' });
    const arn = topicArn('eu-west-1', '111122223333', 'acme-c-alerts');
    expect(arn).toBe('arn:aws:sns:eu-west-1:111122223333:acme-c-alerts');
    expect(await snsApi(new SNSClient({ region: 'eu-west-1' })).publish(arn, 'S', 'M')).toEqual({ messageId: 'm' });
    expect(sns.commandCalls(PublishCommand)[0]?.args[0].input).toEqual({ TopicArn: arn, Subject: 'S', Message: 'M' });
    sns.restore();
  });
});

describe('sts adapter', () => {
  it('returns the account of the credentials', async () => {
    const sts = mockClient(STSClient);
    sts.on(GetCallerIdentityCommand).resolves({ Account: '111122223333' });
    expect(await stsApi(new STSClient({ region: 'us-east-1' })).callerAccount()).toBe('111122223333');
    sts.restore();
  });
});
