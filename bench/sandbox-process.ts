// The sandbox in its own process: tools/sandbox's CLI as a child of the bench, driven over its
// HTTP control API (/sandbox/...). The driver's event loop then never serves API answers, so a
// busy driver cannot delay the extension's requests, and the sandbox's work is not the driver's.
import { type ChildProcess, spawn } from 'node:child_process';
import type { FaultSpec, LoggedRequest, SandboxSession } from '../tools/sandbox/index';

export interface RemoteSandbox {
  readonly url: string;
  settings(update: Record<string, unknown>): Promise<unknown>;
  customer(conversationId: string, action: string): Promise<unknown>;
  /** A conversation that begins now, assigned to the demo agent unless userId says otherwise. */
  addConversation(input: { media: string; userId?: string }): Promise<{ id: string }>;
  issueToken(userId: string, clientId: string): Promise<string>;
  sessions(): Promise<SandboxSession[]>;
  requests(): Promise<LoggedRequest[]>;
  clearRequests(): Promise<void>;
  fault(spec: FaultSpec): Promise<void>;
  clearFaults(): Promise<void>;
  dropSockets(): Promise<void>;
  /** Polls the sandbox until `check` returns a value (bounded). */
  waitFor<T>(check: () => Promise<T | undefined | false>, timeoutMs?: number): Promise<T>;
  close(): Promise<void>;
}

/** Starts `tools/sandbox/cli.ts --port 0` and resolves with its URL once it listens. */
export async function startSandboxProcess(latencyMs: number): Promise<RemoteSandbox> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'tools/sandbox/cli.ts', '--port', '0', '--latency-ms', String(latencyMs)],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error('the sandbox did not start in 30 s')), 30_000);
    child.once('exit', (code) => reject(new Error(`the sandbox exited (${code})`)));
    child.stdout?.on('data', (chunk) => {
      out += String(chunk);
      const m = /sandbox on (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1] as string);
      }
    });
  }).catch((error) => {
    child.kill('SIGTERM');
    throw error;
  });
  child.stdout?.resume();
  return remote(url, child);
}

function remote(url: string, child: ChildProcess): RemoteSandbox {
  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const r = await fetch(`${url}${path}`, {
      method,
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!r.ok) throw new Error(`sandbox ${method} ${path} answered ${r.status}`);
    return (r.status === 204 ? undefined : await r.json()) as T;
  }
  return {
    url,
    settings: (update) => call('POST', '/sandbox/settings', update),
    customer: (id, action) =>
      call('POST', `/sandbox/conversations/${encodeURIComponent(id)}/customer`, { action }),
    addConversation: (input) => call('POST', '/sandbox/conversations', input),
    issueToken: async (userId, clientId) =>
      (await call<{ access_token: string }>('POST', '/sandbox/tokens', { userId, clientId }))
        .access_token,
    sessions: () => call('GET', '/sandbox/sessions'),
    requests: async () =>
      (await call<{ requests: LoggedRequest[] }>('GET', '/sandbox/requests')).requests,
    clearRequests: () => call('DELETE', '/sandbox/requests'),
    fault: (spec) => call('POST', '/sandbox/faults', spec),
    clearFaults: () => call('DELETE', '/sandbox/faults'),
    dropSockets: () => call('POST', '/sandbox/notifications/drop'),
    async waitFor(check, timeoutMs = 10_000) {
      const end = Date.now() + timeoutMs;
      for (;;) {
        const value = await check();
        if (value) return value;
        if (Date.now() > end) throw new Error(`sandbox wait timed out after ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
