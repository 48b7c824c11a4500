/** Publishing to a cohort's alerts topic. */
import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';

export interface SnsApi {
  publish(topicArn: string, subject: string, message: string): Promise<{ messageId: string }>;
}

export function snsApi(client: SNSClient): SnsApi {
  return {
    async publish(topicArn, subject, message) {
      const out = await client.send(new PublishCommand({ TopicArn: topicArn, Subject: subject, Message: message }));
      return { messageId: out.MessageId ?? '' };
    },
  };
}

export function topicArn(region: string, accountId: string, topicName: string): string {
  return `arn:aws:sns:${region}:${accountId}:${topicName}`;
}
