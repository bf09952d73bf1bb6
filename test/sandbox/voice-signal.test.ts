// The voiceSignal setting: what the agent can observe of a voice session (each value an
// unverified assumption), seen through the guest GET and GET /api/v2/conversations/{id}.
import { describe, expect, it } from 'vitest';
import { SEED } from '../../tools/sandbox/index';
import { call, useSandbox } from './testkit';

const voice = SEED.conversations.agent.voice;
const guest = (id: string) =>
  `/api/v2/webdeployments/deployments/${SEED.deploymentId}/cobrowse/${id}`;

interface Listed {
  cobrowseSessionId: string;
  state: string;
  connectedTime?: string;
  disconnectedTime?: string;
}
interface ConversationBody {
  participants: { purpose: string; cobrowsesessions?: Listed[] }[];
}

describe('voiceSignal', () => {
  const sandbox = useSandbox({ offerTtlSeconds: 120 });

  async function createVoice() {
    const s = sandbox.current;
    const token = s.issueToken();
    const created = await call<{ id: string }>(
      s,
      'POST',
      `/api/v2/conversations/${voice}/cobrowse`,
      {
        token,
      },
    );
    expect(created.status).toBe(200);
    const listed = async () => {
      const c = await call<ConversationBody>(s, 'GET', `/api/v2/conversations/${voice}`, { token });
      return c.body.participants.flatMap((p) => p.cobrowsesessions ?? []);
    };
    return { id: created.body.id, listed };
  }

  it('is guest-route by default: the guest GET answers 404 once the session is over', async () => {
    const s = sandbox.current;
    expect(s.settings().voiceSignal).toBe('guest-route');
    const { id, listed } = await createVoice();
    expect((await call(s, 'GET', guest(id))).status).toBe(200);
    s.customer(voice, 'end-session');
    expect((await call(s, 'GET', guest(id))).status).toBe(404);
    expect(await listed()).toEqual([]);
  });

  it('none: the guest GET answers for any session it made, whatever its state; nothing is listed', async () => {
    const s = sandbox.current;
    s.settings({ voiceSignal: 'none' });
    const { id, listed } = await createVoice();
    s.customer(voice, 'end-session');
    expect((await call(s, 'GET', guest(id))).status).toBe(200);
    expect(await listed()).toEqual([]);
    // DELETE still ends only a live session.
    expect((await call(s, 'DELETE', guest(id))).status).toBe(404);
  });

  it('conversation: the customer participant lists the session alerting → connected → disconnected', async () => {
    const s = sandbox.current;
    s.settings({ voiceSignal: 'conversation' });
    const { id, listed } = await createVoice();
    expect(await listed()).toMatchObject([{ cobrowseSessionId: id, state: 'alerting' }]);
    s.customer(voice, 'accept');
    const [joined] = await listed();
    expect(joined).toMatchObject({ cobrowseSessionId: id, state: 'connected' });
    expect(Date.parse(joined?.connectedTime ?? '')).toBeGreaterThan(0);
    s.customer(voice, 'end-session');
    const [over] = await listed();
    expect(over).toMatchObject({ state: 'disconnected' });
    expect(Date.parse(over?.disconnectedTime ?? '')).toBeGreaterThan(0);
    expect((await call(s, 'GET', guest(id))).status).toBe(200);
  });

  it('refuses an unknown value', () => {
    expect(() => sandbox.current.settings({ voiceSignal: 'psychic' as never })).toThrow(
      /voiceSignal must be one of/,
    );
  });
});
