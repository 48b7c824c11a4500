/** Who the credentials belong to: the jobs check it is the account the settings name before touching anything. */
import { GetCallerIdentityCommand, type STSClient } from '@aws-sdk/client-sts';

export interface StsApi {
  callerAccount(): Promise<string>;
}

export function stsApi(client: STSClient): StsApi {
  return {
    async callerAccount() {
      const out = await client.send(new GetCallerIdentityCommand({}));
      return out.Account ?? '';
    },
  };
}
