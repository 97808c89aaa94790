// The README's MCP section says what the server has: its tool list is the server's, and every
// config snippet in it is valid JSON naming the sessiondock server.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startApi, type ApiHarness } from './helpers/api-harness';
import { connectMcp } from './helpers/mcp-client';

const README = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
const start = README.indexOf('## AI agents (MCP)');
const SECTION = README.slice(start, README.indexOf('\n## ', start + 1));

let h: ApiHarness;
beforeAll(async () => {
  h = await startApi();
});
afterAll(async () => h.close());

it('lists exactly the tools the server lists', async () => {
  const bullet = SECTION.slice(SECTION.indexOf('- **Tools**'), SECTION.indexOf('- **Results**'));
  const named = [...bullet.matchAll(/`([a-z]+(?:_[a-z]+)+)`/g)].map((match) => match[1]!);
  const client = await connectMcp(h);
  const served = (await client.listTools()).tools.map((tool) => tool.name);
  await client.close();
  expect([...new Set(named)].sort()).toEqual([...served].sort());
  expect(bullet).toContain(`**Tools** (${served.length})`);
});

it('gives config snippets that are valid JSON for the sessiondock server', () => {
  const blocks = [...SECTION.matchAll(/```json\n([\s\S]*?)```/g)].map((match) => match[1]!);
  expect(blocks.length).toBeGreaterThanOrEqual(3);
  for (const block of blocks) {
    const config = JSON.parse(block) as {
      mcpServers?: Record<string, unknown>;
      servers?: Record<string, unknown>;
    };
    expect(Object.keys(config.mcpServers ?? config.servers ?? {})).toEqual(['sessiondock']);
  }
});
