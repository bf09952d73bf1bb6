// A minimal DevTools-protocol client over the browser's --remote-debugging-port. Playwright's own
// pipe does not expose targets it does not manage, such as the real toolbar popup opened by a
// keyboard shortcut, so the harness talks to those directly over their target websocket.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import WebSocket from 'ws';
import { waitFor } from './wait';

export interface TargetInfo {
  id: string;
  type: string;
  url: string;
  title: string;
  webSocketDebuggerUrl?: string;
}

/** Reads the port Chromium chose for `--remote-debugging-port=0` from the profile directory. */
export async function devtoolsPort(userDataDir: string): Promise<number> {
  return waitFor(
    async () => {
      const text = await readFile(join(userDataDir, 'DevToolsActivePort'), 'utf8');
      const port = Number(text.split('\n')[0]);
      return Number.isInteger(port) && port > 0 ? port : 0;
    },
    { message: 'DevToolsActivePort' },
  );
}

export async function listTargets(port: number): Promise<TargetInfo[]> {
  const response = await fetch(`http://127.0.0.1:${port}/json/list`);
  return (await response.json()) as TargetInfo[];
}

type Listener = (params: Record<string, unknown>) => void;

export class CdpConnection {
  private nextId = 1;
  private readonly pending = new Map<
    number,
    { resolve: (v: unknown) => void; reject: (e: Error) => void }
  >();
  private readonly listeners = new Map<string, Set<Listener>>();

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data) => this.onMessage(String(data)));
    socket.on('close', () => {
      for (const { reject } of this.pending.values()) reject(new Error('CDP socket closed'));
      this.pending.clear();
    });
  }

  static async connect(webSocketUrl: string): Promise<CdpConnection> {
    const socket = new WebSocket(webSocketUrl, { perMessageDeflate: false });
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    return new CdpConnection(socket);
  }

  send<R = Record<string, unknown>>(method: string, params: object = {}): Promise<R> {
    const id = this.nextId++;
    return new Promise<R>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.socket.send(JSON.stringify({ id, method, params }));
    });
  }

  on(event: string, listener: Listener): () => void {
    const set = this.listeners.get(event) ?? new Set();
    set.add(listener);
    this.listeners.set(event, set);
    return () => set.delete(listener);
  }

  /** Evaluates an expression in the target's main world and returns its JSON value. */
  async evaluate<T>(expression: string): Promise<T> {
    const result = await this.send<{
      result: { value?: T };
      exceptionDetails?: { text: string; exception?: { description?: string } };
    }>('Runtime.evaluate', { expression, returnByValue: true, awaitPromise: true });
    if (result.exceptionDetails) {
      const detail = result.exceptionDetails.exception?.description ?? result.exceptionDetails.text;
      throw new Error(`evaluate failed: ${detail}`);
    }
    return result.result.value as T;
  }

  close(): void {
    this.socket.close();
  }

  private onMessage(text: string): void {
    const message = JSON.parse(text) as {
      id?: number;
      method?: string;
      params?: Record<string, unknown>;
      result?: unknown;
      error?: { message: string };
    };
    if (message.id !== undefined) {
      const waiter = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (!waiter) return;
      if (message.error) waiter.reject(new Error(message.error.message));
      else waiter.resolve(message.result);
      return;
    }
    if (message.method) {
      for (const listener of this.listeners.get(message.method) ?? []) {
        listener(message.params ?? {});
      }
    }
  }
}

export interface AxNode {
  role: string;
  name: string;
  /** Radios and checkboxes: whether checked. */
  checked?: boolean;
}

interface RawAxNode {
  ignored?: boolean;
  role?: { value?: string };
  name?: { value?: string };
  properties?: { name: string; value?: { value?: unknown } }[];
}

function toAxNode(node: RawAxNode): AxNode {
  const out: AxNode = {
    role: String(node.role?.value ?? ''),
    name: String(node.name?.value ?? ''),
  };
  const checked = node.properties?.find((p) => p.name === 'checked')?.value?.value;
  if (checked !== undefined) out.checked = checked === true || checked === 'true';
  return out;
}

/** The target's accessibility tree flattened to the roles and names a user (or test) sees. */
export async function accessibleNodes(cdp: CdpConnection): Promise<AxNode[]> {
  const { nodes } = await cdp.send<{ nodes: RawAxNode[] }>('Accessibility.getFullAXTree');
  return nodes
    .filter((node) => !node.ignored)
    .map(toAxNode)
    .filter((node) => node.role !== '' && node.role !== 'none' && node.role !== 'generic');
}

/**
 * Console errors and uncaught exceptions of a CDP target. Runtime.enable replays messages logged
 * before we attached, so errors during the page's start-up are not missed.
 */
export async function collectTargetErrors(cdp: CdpConnection): Promise<string[]> {
  const errors: string[] = [];
  cdp.on('Runtime.consoleAPICalled', (params) => {
    if (params.type !== 'error' && params.type !== 'assert') return;
    const args = (params.args as { value?: unknown; description?: string }[]) ?? [];
    errors.push(args.map((arg) => arg.description ?? String(arg.value)).join(' '));
  });
  cdp.on('Runtime.exceptionThrown', (params) => {
    const details = params.exceptionDetails as {
      text: string;
      exception?: { description?: string };
    };
    errors.push(details.exception?.description ?? details.text);
  });
  // Browser-side messages (CSP violations, failed loads) arrive as log entries, not console calls.
  cdp.on('Log.entryAdded', (params) => {
    const entry = params.entry as { level: string; text: string; url?: string };
    if (entry.level === 'error') errors.push(`${entry.text}${entry.url ? ` (${entry.url})` : ''}`);
  });
  await cdp.send('Runtime.enable');
  await cdp.send('Log.enable');
  return errors;
}
