import { describe, expect, it } from 'vitest';
import { commands } from '../../scripts/commands/index.ts';

describe('the command list', () => {
  it('names each command as the command it loads names itself, once', async () => {
    const loaded = await Promise.all(commands.map(async (entry) => [entry.name, (await entry.load()).name]));
    for (const [listed, actual] of loaded) expect(actual).toBe(listed);
    expect(new Set(commands.map((c) => c.name)).size).toBe(commands.length);
  });

  it('gives every command a one-line summary and a help text that starts with its usage', async () => {
    for (const entry of commands) {
      expect(entry.summary).not.toMatch(/\n/);
      expect(entry.summary.length).toBeGreaterThan(10);
      expect((await entry.load()).help).toMatch(new RegExp(`^Usage: workshop ${entry.name}\\b`));
    }
  });
});
