// A server-supplied notification connectUri is followed only to the environment's
// own streaming host.
import { describe, expect, it } from 'vitest';
import { socketAddressProblem } from '../../../../src/background/notifications/socket-address';
import { endpoints, knownRegions } from '../../../../src/shared/settings';

const REGIONS = knownRegions();
const region = endpoints({ kind: 'region', domain: 'mypurecloud.ie' }).api;
const custom = endpoints({ kind: 'custom', baseUrl: 'https://gw.example.com' }).api;
const sandbox = endpoints({ kind: 'custom', baseUrl: 'http://127.0.0.1:8787' }).api;
const check = (uri: string, base: string) => socketAddressProblem(uri, base, REGIONS);

describe('socketAddressProblem', () => {
  it.each([
    // positive controls: what Genesys, a pass-through proxy and the sandbox hand out
    ['wss://streaming.mypurecloud.ie/channels/streaming-1', region],
    ['wss://streaming.mypurecloud.ie:443/channels/x', region],
    ['wss://gw.example.com/channels/x', custom],
    ['wss://streaming.mypurecloud.com/channels/x', custom], // Genesys's own, passed through
    ['ws://127.0.0.1:8787/channels/x', sandbox],
  ])('allows %s for %s', (uri, base) => {
    expect(check(uri, base)).toBeUndefined();
  });

  it.each([
    ['wss://streaming.mypurecloud.ie:8443/channels/x', region, 'another port'],
    ['wss://evil.example/channels/x', region, 'another host'],
    ['wss://streaming.mypurecloud.de/channels/x', region, 'another region'],
    ['ws://streaming.mypurecloud.ie/channels/x', region, 'not wss'],
    ['wss://user:pw@streaming.mypurecloud.ie/x', region, 'credentials'],
    ['wss://gw.example.com:9443/channels/x', custom, 'the proxy on another port'],
    ['wss://evil.example.com/channels/x', custom, 'another host for a proxy'],
    ['ws://127.0.0.1:9999/channels/x', sandbox, 'the sandbox on another port'],
    ['ws://localhost:8787/channels/x', sandbox, 'another loopback name'],
    ['ws://gw.example.com/channels/x', sandbox, 'off loopback'],
    ['not a url', region, 'junk'],
  ])('refuses %s for %s (%s)', (uri, base) => {
    expect(check(uri, base)).toMatch(/connectUri/);
  });
});
