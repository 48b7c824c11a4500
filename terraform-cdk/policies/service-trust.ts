import { type ConditionBlock, type PolicyDocument, policyDocument } from './policy-document.ts';

/** A trust policy letting one AWS service assume the role, optionally only on behalf of some account or resource. */
export function serviceTrust(service: string, condition?: ConditionBlock): PolicyDocument {
  return policyDocument({
    Sid: 'ServiceAssumesRole',
    Effect: 'Allow',
    Principal: { Service: service },
    Action: 'sts:AssumeRole',
    ...(condition === undefined ? {} : { Condition: condition }),
  });
}
