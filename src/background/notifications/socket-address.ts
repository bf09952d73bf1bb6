// Where the notification socket may connect. Genesys hands out `connectUri` with each channel;
// the extension follows it only to the environment's own streaming host, so a tampered or
// misconfigured answer cannot point the agent's live updates at another host or port.
//   region:        wss://streaming.{domain}            (api.{domain} → streaming.{domain})
//   custom base:   wss:// on the base's own host:port, or a Genesys region's streaming host
//                  (a proxy that passes Genesys's answer through unchanged)
//   loopback http (the sandbox, test builds): ws:// or wss:// on exactly the base's host:port
import { clip } from '../../shared/redact';
import { LOOPBACK } from '../../shared/settings';

/**
 * Why `connectUri` is refused for an environment whose API base is `apiBase` (`regions`: the
 * Genesys region domains); undefined when the socket may connect there.
 */
export function socketAddressProblem(
  connectUri: string,
  apiBase: string,
  regions: readonly string[],
): string | undefined {
  let socket: URL;
  let api: URL;
  try {
    socket = new URL(connectUri);
    api = new URL(apiBase);
  } catch {
    return `connectUri ${clip(connectUri, 200)} is not an address`;
  }
  if (socket.username || socket.password) return 'connectUri carries credentials';
  if (api.protocol === 'http:' && LOOPBACK.has(api.hostname)) {
    const sameHost = socket.host === api.host;
    const scheme = socket.protocol === 'ws:' || socket.protocol === 'wss:';
    return sameHost && scheme ? undefined : refusal(socket, `ws://${api.host}`);
  }
  if (socket.protocol !== 'wss:') return refusal(socket, 'a wss: address');
  const region = api.hostname.startsWith('api.') && regions.includes(api.hostname.slice(4));
  if (region) {
    const expected = `streaming.${api.hostname.slice(4)}`;
    return socket.host === expected ? undefined : refusal(socket, `wss://${expected}`);
  }
  const genesys = regions.some((d) => socket.host === `streaming.${d}`);
  return socket.host === api.host || genesys
    ? undefined
    : refusal(socket, `wss://${api.host} or a Genesys Cloud streaming host`);
}

const refusal = (socket: URL, expected: string) =>
  `connectUri ${clip(`${socket.protocol}//${socket.host}`, 200)} is not ${expected}`;
