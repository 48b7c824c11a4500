import { GlueClient, ListJobsCommand } from '@aws-sdk/client-glue';
import { mockClient } from 'aws-sdk-client-mock';
import { expect, it } from 'vitest';
import { glueJobNamesApi } from '../../src/aws/glue-job-names.ts';

it('lists every job name, page by page', async () => {
  const glue = mockClient(GlueClient);
  glue
    .on(ListJobsCommand)
    .resolvesOnce({ JobNames: ['a', 'b'], NextToken: 't' })
    .resolvesOnce({ JobNames: ['c'] });
  expect(await glueJobNamesApi(new GlueClient({ region: 'ap-northeast-2' })).jobNames()).toEqual(['a', 'b', 'c']);
  expect(glue.commandCalls(ListJobsCommand)[1]?.args[0].input.NextToken).toBe('t');
  glue.restore();
});
