import { AthenaClient, ListWorkGroupsCommand } from '@aws-sdk/client-athena';
import { mockClient } from 'aws-sdk-client-mock';
import { expect, it } from 'vitest';
import { athenaWorkgroupsApi } from '../../src/aws/athena-workgroups.ts';

it('lists every workgroup name, page by page', async () => {
  const athena = mockClient(AthenaClient);
  athena
    .on(ListWorkGroupsCommand)
    .resolvesOnce({ WorkGroups: [{ Name: 'primary' }, { Name: 'a' }], NextToken: 't' })
    .resolvesOnce({ WorkGroups: [{ Name: 'b' }] });
  const names = await athenaWorkgroupsApi(new AthenaClient({ region: 'ap-northeast-2' })).workgroupNames();
  expect(names).toEqual(['primary', 'a', 'b']);
  expect(athena.commandCalls(ListWorkGroupsCommand)[1]?.args[0].input.NextToken).toBe('t');
  athena.restore();
});
