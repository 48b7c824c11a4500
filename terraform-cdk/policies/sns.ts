/** The alerts topic's policy: the account manages it; CloudWatch, EventBridge and Budgets publish for it (pitfall 8). */
import { accountRootArn } from './arns.ts';
import { TOPIC_PUBLISHERS } from './kms.ts';
import { type PolicyContext, type PolicyDocument, policyDocument } from './policy-document.ts';

export function topicPolicy(ctx: PolicyContext, topicArn: string): PolicyDocument {
  return policyDocument(
    {
      Sid: 'AccountManagesTopic',
      Effect: 'Allow',
      Principal: { AWS: accountRootArn(ctx) },
      Action: [
        'sns:GetTopicAttributes',
        'sns:SetTopicAttributes',
        'sns:AddPermission',
        'sns:RemovePermission',
        'sns:DeleteTopic',
        'sns:Subscribe',
        'sns:ListSubscriptionsByTopic',
        'sns:Publish',
      ],
      Resource: topicArn,
    },
    {
      Sid: 'ServicesPublishForThisAccount',
      Effect: 'Allow',
      Principal: { Service: [...TOPIC_PUBLISHERS] },
      Action: 'sns:Publish',
      Resource: topicArn,
      Condition: { StringEquals: { 'aws:SourceAccount': ctx.accountId } },
    },
  );
}
