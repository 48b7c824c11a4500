/** The names of every Glue job of the account in one region (all pages), to count against the jobs quota. */
import { type GlueClient, paginateListJobs } from '@aws-sdk/client-glue';

export interface GlueJobNamesApi {
  jobNames(): Promise<string[]>;
}

export function glueJobNamesApi(client: GlueClient): GlueJobNamesApi {
  return {
    async jobNames() {
      const names: string[] = [];
      for await (const page of paginateListJobs({ client }, { MaxResults: 1000 })) names.push(...(page.JobNames ?? []));
      return names;
    },
  };
}
