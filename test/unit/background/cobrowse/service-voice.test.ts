// The service around voice sessions: checked every so often (the conversation read and the
// guest route), outcome unknown after the offer time with Open viewer still allowed, evidence
// applied, and a new start replacing (ending at Genesys) a session that may be over.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { VOICE_CHECK_MS } from '../../../../src/background/cobrowse/service';
import { conversationBody } from '../../../../tools/sandbox/shapes';
import {
  CONV,
  DEPLOYMENT,
  fakeApi,
  makeService,
  OFFER_MS,
  SESSION_ID,
} from '../../support/service-fakes';

const T0 = Date.parse('2026-03-02T10:00:00Z');
const END_PATH = `/api/v2/webdeployments/deployments/${DEPLOYMENT}/cobrowse/${SESSION_ID}`;

beforeEach(() => {
  vi.useFakeTimers({ now: T0 });
});
afterEach(() => {
  vi.useRealTimers();
});

function voiceService(gone = false) {
  const api = fakeApi();
  const guestGone = vi.fn(async (_path: string) => gone);
  const made = makeService(api, { deps: { guestGone } });
  return { api, guestGone, ...made };
}

/** The conversation as Genesys would list the session on the caller's participant. */
function listSession(api: ReturnType<typeof fakeApi>, state: string) {
  api.getConversation.mockImplementation(async (id: string) => {
    const conv = api.org.conversations.get(id);
    if (!conv) throw new Error('not found');
    const body = conversationBody(api.org, conv);
    const [customer, ...rest] = body.participants;
    return {
      ...body,
      participants: [
        { ...customer, cobrowsesessions: [{ cobrowseSessionId: SESSION_ID, state }] },
        ...rest,
      ],
    } as never;
  });
}

describe('voice sessions in the service', () => {
  it('checks the conversation and the guest route every VOICE_CHECK_MS while offered', async () => {
    const { service, api, guestGone } = voiceService();
    await service.startCobrowse(CONV.voice, 'command');
    await service.idle();
    expect(service.get(CONV.voice)?.state).toBe('offered');
    await vi.advanceTimersByTimeAsync(VOICE_CHECK_MS + 1);
    await service.idle();
    expect(api.getConversation).toHaveBeenCalledWith(CONV.voice);
    expect(guestGone).toHaveBeenCalledWith(END_PATH);
    expect(service.get(CONV.voice)?.state).toBe('offered');
  });

  it('after the offer time: outcome unknown, never expired; Open viewer still opens', async () => {
    const { service, opened } = voiceService();
    await service.startCobrowse(CONV.voice, 'command');
    await service.idle();
    await vi.advanceTimersByTimeAsync(OFFER_MS + 10);
    await service.idle();
    expect(service.get(CONV.voice)).toMatchObject({ state: 'offered', outcomeUnknown: true });
    const { url } = await service.openViewer(CONV.voice);
    expect(opened).toEqual([url]);
  });

  it('the guest route answering 404 ends it as gone', async () => {
    const { service } = voiceService(true);
    await service.startCobrowse(CONV.voice, 'command');
    await service.idle();
    await vi.advanceTimersByTimeAsync(VOICE_CHECK_MS + 1);
    await service.idle();
    const s = service.get(CONV.voice);
    expect(s?.state).toBe('ended');
    expect(s?.timeline.at(-1)).toMatchObject({ step: 'ended', detail: 'gone' });
  });

  it('the conversation listing the session connected makes it active, and it stays active', async () => {
    const { service, api } = voiceService();
    await service.startCobrowse(CONV.voice, 'command');
    await service.idle();
    listSession(api, 'connected');
    await vi.advanceTimersByTimeAsync(VOICE_CHECK_MS + 1);
    await service.idle();
    expect(service.get(CONV.voice)?.state).toBe('active');
    await vi.advanceTimersByTimeAsync(OFFER_MS);
    await service.idle();
    expect(service.get(CONV.voice)?.state).toBe('active');
    listSession(api, 'disconnected');
    await vi.advanceTimersByTimeAsync(VOICE_CHECK_MS + 1);
    await service.idle();
    expect(service.get(CONV.voice)?.state).toBe('ended');
  });

  it.each([
    ['here', CONV.voice],
    ['on another conversation', CONV.messagingOnline],
  ])('a new start %s ends an outcome-unknown session first, at Genesys too', async (_, next) => {
    {
      const { service, api, ended, pushed } = voiceService();
      await service.startCobrowse(CONV.voice, 'command');
      await service.idle();
      await vi.advanceTimersByTimeAsync(OFFER_MS + 10);
      await service.idle();
      const started = await service.startCobrowse(next, 'menu');
      await service.idle();
      expect(ended).toEqual([END_PATH]);
      expect(api.createCobrowse).toHaveBeenCalledTimes(2);
      expect(started).toMatchObject({ conversationId: next, state: 'creating' });
      expect(service.get(next)?.outcomeUnknown).toBeUndefined();
      // The replaced session ended (then, being closed, it gives way to the new one).
      const voice = pushed.filter((x) => x.conversationId === CONV.voice);
      expect(voice.some((x) => x.state === 'ended' && x.sessionId === SESSION_ID)).toBe(true);
    }
  });
});
