/** The names of every Athena workgroup of the account in one region (all pages), to count against the quota. */
import { type AthenaClient, paginateListWorkGroups } from '@aws-sdk/client-athena';

export interface AthenaWorkgroupsApi {
  workgroupNames(): Promise<string[]>;
}

export function athenaWorkgroupsApi(client: AthenaClient): AthenaWorkgroupsApi {
  return {
    async workgroupNames() {
      const names: string[] = [];
      for await (const page of paginateListWorkGroups({ client }, { MaxResults: 50 })) {
        for (const workgroup of page.WorkGroups ?? []) if (workgroup.Name) names.push(workgroup.Name);
      }
      return names;
    },
  };
}
