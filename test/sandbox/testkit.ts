// Shared by the sandbox's own tests: a sandbox per test, bearer calls, PKCE values, and a
// websocket frame queue that waits on frames (never on time).
import { createHash, randomBytes } from 'node:crypto';
import { afterEach, beforeEach } from 'vitest';
import WebSocket from 'ws';
import { type Sandbox, type SandboxSettings, startSandbox } from '../../tools/sandbox/index';

/** A fresh sandbox on a random port for each test, closed after it. */
export function useSandbox(settings: Partial<SandboxSettings> = {}): { readonly current: Sandbox } {
  let sandbox: Sandbox | undefined;
  beforeEach(async () => {
    sandbox = await startSandbox({ port: 0, settings });
  });
  afterEach(async () => {
    await sandbox?.close();
    sandbox = undefined;
  });
  return {
    get current() {
      if (!sandbox) throw new Error('sandbox not started');
      return sandbox;
    },
  };
}

export interface Answer<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

/** A request to the sandbox, JSON in and out (body undefined when empty). */
export async function call<T = Record<string, unknown>>(
  sandbox: Sandbox,
  method: string,
  path: string,
  options: { token?: string; json?: unknown; headers?: Record<string, string> } = {},
): Promise<Answer<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.Authorization = `Bearer ${options.token}`;
  if (options.json !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(`${sandbox.url}${path}`, {
    method,
    headers,
    body: options.json === undefined ? undefined : JSON.stringify(options.json),
    redirect: 'manual',
  });
  const text = await res.text();
  return {
    status: res.status,
    headers: res.headers,
    body: (text ? JSON.parse(text) : undefined) as T,
  };
}

export function pkcePair() {
  const verifier = randomBytes(48).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  return { verifier, challenge };
}

export function form(values: Record<string, string>): RequestInit {
  return {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(values).toString(),
    redirect: 'manual',
  };
}

export interface Frame {
  topicName: string;
  version?: string;
  eventBody: Record<string, unknown> & { message?: string };
  metadata?: { CorrelationId?: string };
}

/** A websocket that queues frames; next() resolves with the first queued frame matching. */
export class FrameSocket {
  readonly frames: Frame[] = [];
  private waiters: { match: (f: Frame) => boolean; resolve: (f: Frame) => void }[] = [];
  private closeWaiters: ((code: number) => void)[] = [];
  closedWith?: number;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const frame = JSON.parse(String(data)) as Frame;
      const i = this.waiters.findIndex((w) => w.match(frame));
      if (i >= 0) this.waiters.splice(i, 1)[0]?.resolve(frame);
      else this.frames.push(frame);
    });
    ws.on('close', (code) => {
      this.closedWith = code;
      for (const w of this.closeWaiters.splice(0)) w(code);
    });
  }

  static open(url: string): Promise<FrameSocket> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url);
      const socket = new FrameSocket(ws);
      ws.once('open', () => resolve(socket));
      ws.once('error', reject);
    });
  }

  next(match: (f: Frame) => boolean = () => true): Promise<Frame> {
    const i = this.frames.findIndex(match);
    if (i >= 0) return Promise.resolve(this.frames.splice(i, 1)[0] as Frame);
    return new Promise((resolve) => this.waiters.push({ match, resolve }));
  }

  /** Resolves with the close code once the server closes the socket. */
  closed(): Promise<number> {
    if (this.closedWith !== undefined) return Promise.resolve(this.closedWith);
    return new Promise((resolve) => this.closeWaiters.push(resolve));
  }

  send(value: unknown): void {
    this.ws.send(JSON.stringify(value));
  }

  close(): void {
    this.ws.close();
  }
}

export const isTopic = (name: string) => (f: Frame) => f.topicName === name;

/** The metadata events (eventType/subType) a conversation frame carries, on any participant. */
export function frameEvents(
  frame: Frame,
): { eventType?: string; subType?: string; participant?: string }[] {
  const participants = (frame.eventBody.participants ?? []) as {
    purpose?: string;
    messages?: { messageMetadata?: { events?: { eventType?: string; subType?: string }[] } }[];
  }[];
  return participants.flatMap((p) =>
    (p.messages ?? []).flatMap((m) =>
      (m.messageMetadata?.events ?? []).map((e) => ({ ...e, participant: p.purpose })),
    ),
  );
}

/** Subscribe a fresh channel to the user's conversation messages and open its socket. */
export async function subscribe(
  sandbox: Sandbox,
  token: string,
  userId: string,
): Promise<FrameSocket> {
  const channel = await call<{ id: string; connectUri: string }>(
    sandbox,
    'POST',
    '/api/v2/notifications/channels',
    {
      token,
    },
  );
  await call(sandbox, 'PUT', `/api/v2/notifications/channels/${channel.body.id}/subscriptions`, {
    token,
    json: [{ id: `v2.users.${userId}.conversations.messages` }],
  });
  return FrameSocket.open(channel.body.connectUri);
}
