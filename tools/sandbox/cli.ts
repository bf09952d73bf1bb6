// npm run sandbox -- [--port 8787] [--host 127.0.0.1] [--latency-ms 0]
import { parseArgs } from 'node:util';
import { SEED, seedClients, seedUsers, startSandbox } from './index';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8787' },
    host: { type: 'string', default: '127.0.0.1' },
    'latency-ms': { type: 'string', default: '0' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

if (values.help) {
  console.log('Usage: npm run sandbox -- [--port 8787] [--host 127.0.0.1] [--latency-ms 0]');
  process.exit(0);
}

const port = Number(values.port);
const latencyMs = Number(values['latency-ms']);
if (
  !Number.isInteger(port) ||
  port < 0 ||
  port > 65_535 ||
  !Number.isFinite(latencyMs) ||
  latencyMs < 0
) {
  console.error('--port must be 0-65535 and --latency-ms a number ≥ 0');
  process.exit(2);
}

const sandbox = await startSandbox({ port, host: values.host, settings: { latencyMs } });
const lines = [
  `Genesys Cloud sandbox on ${sandbox.url}`,
  '',
  `Org: ${SEED.org.name} (${SEED.org.id})`,
  `OAuth clients (PKCE; redirect URI registered: ${SEED.redirectUri}):`,
  ...seedClients.map((c) => `  ${c.id}  ${c.name} — scopes: ${c.scopes.join(' ')}`),
  'Users:',
  ...seedUsers.map(
    (u) =>
      `  ${u.id}  ${u.name} — ${u.permissions.filter((p) => p.includes('cobrowse')).join(', ') || 'no cobrowse permission'}`,
  ),
  '',
  `People page: ${sandbox.url}/sandbox/   Agent tool: ${sandbox.url}/sandbox/agent-tool`,
  'Ctrl-C stops it.',
];
console.log(lines.join('\n'));

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await sandbox.close();
  console.log('Sandbox stopped.');
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
