// Where End finds the web deployment id (which place Genesys fills is unverified): the create
// answer's selfUri when it is the guest route, else for web messaging a message's channel id
// (two reads, only when End needs it); a call has no message channel, so End then ends in this
// browser only and says so. What was found, and which participant carried each CoBrowse event,
// are recorded as run-time facts.
import { fakeBrowser } from '@webext-core/fake-browser';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LearnedFact } from '../../../../src/shared/learned';
import type { SessionSnapshot } from '../../../../src/shared/session';
import { ENDED_HERE_ONLY, statusKey } from '../../../../src/shared/session-status';
import { messageDataBody } from '../../../../tools/sandbox/shapes';
import {
  CONV,
  DEPLOYMENT,
  type FakeApi,
  fakeApi,
  holdCalls,
  makeService,
  SESSION_ID,
} from '../../support/service-fakes';

const GUEST = `/api/v2/webdeployments/deployments/${DEPLOYMENT}/cobrowse/${SESSION_ID}`;

/** The create answer's selfUri is not the guest route (deploymentIdPlace=messageChannel). */
function selfUriElsewhere(api: FakeApi, media: 'Message' | 'Call') {
  const base = api.createCobrowse.getMockImplementation();
  api.createCobrowse.mockImplementation(async (id: string) => {
    const answer = await (base as NonNullable<typeof base>)(id);
    return {
      ...answer,
      communicationType: media,
      selfUri: `/api/v2/conversations/${id}/cobrowse/${SESSION_ID}`,
    };
  });
}

/** GET …/messages/{cid}/messages/{mid} answered with the sandbox's MessageData shape. */
function withMessageData(api: FakeApi) {
  return vi.fn(async (cid: string, mid: string) => {
    const conv = api.org.conversations.get(cid);
    const message = conv?.messages.find((m) => m.id === mid);
    if (!conv || !message) throw new Error('not found');
    return messageDataBody(conv, message) as never;
  });
}

function setUp(configure: (api: FakeApi) => void = () => undefined) {
  const api = fakeApi();
  configure(api);
  const getMessageData = withMessageData(api);
  const facts: LearnedFact[] = [];
  const made = makeService({ ...api, getMessageData } as unknown as FakeApi, {
    deps: { learn: (fact) => facts.push(fact) },
  });
  return { api, getMessageData, facts, ...made };
}

beforeEach(() => {
  vi.useFakeTimers({ now: Date.parse('2026-03-02T10:00:00Z') });
  fakeBrowser.reset();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('the deployment id for End', () => {
  it('selfUri is the guest route: End uses it, reads no message data, and notes the place', async () => {
    const { service, ended, getMessageData, facts } = setUp();
    await service.startCobrowse(CONV.messagingOnline, 'popup');
    await service.idle();
    const s = await service.end(CONV.messagingOnline);
    expect(ended).toEqual([GUEST]);
    expect(getMessageData).not.toHaveBeenCalled();
    expect(statusKey(s)).toBe('ov_status_ended');
    expect(facts).toContainEqual({ kind: 'deploymentId', media: 'message', place: 'selfUri' });
  });

  it('messaging, selfUri elsewhere: End reads a message channel id and ends the session through it', async () => {
    const { service, ended, api, getMessageData, facts } = setUp((a) =>
      selfUriElsewhere(a, 'Message'),
    );
    await service.startCobrowse(CONV.messagingOnline, 'popup');
    await service.idle();
    // Nothing is read for it before End needs it.
    expect(getMessageData).not.toHaveBeenCalled();
    const readsBefore = api.getMessageConversation.mock.calls.length;
    const s = await service.end(CONV.messagingOnline);
    expect(ended).toEqual([GUEST]);
    expect(api.getMessageConversation.mock.calls.length).toBe(readsBefore + 1);
    expect(getMessageData).toHaveBeenCalledTimes(1);
    expect(getMessageData.mock.calls[0]?.[0]).toBe(CONV.messagingOnline);
    expect(statusKey(s)).toBe('ov_status_ended');
    expect(facts).toContainEqual({
      kind: 'deploymentId',
      media: 'message',
      place: 'messageChannel',
    });
  });

  it('voice, selfUri elsewhere: no route anywhere; End ends here only and says so', async () => {
    const { service, ended, getMessageData, facts } = setUp((a) => selfUriElsewhere(a, 'Call'));
    await service.startCobrowse(CONV.voice, 'popup');
    await service.idle();
    const s = await service.end(CONV.voice);
    expect(ended).toEqual([]);
    expect(getMessageData).not.toHaveBeenCalled();
    expect(s.state).toBe('ended');
    expect(s.timeline.findLast((x) => x.step === 'ended')?.detail).toBe(ENDED_HERE_ONLY);
    expect(statusKey(s)).toBe('ov_status_ended_here_only');
    expect(service.get(CONV.voice)?.timeline.at(-1)?.detail).toBe(ENDED_HERE_ONLY);
    expect(facts).toContainEqual({ kind: 'deploymentId', media: 'call', place: 'none' });
  });

  it('a guest DELETE that fails: ended here only, never claimed ended at Genesys', async () => {
    const failing = makeService(fakeApi(), {
      deps: {
        endRemote: async () => {
          throw new Error('DELETE: HTTP 503');
        },
      },
    });
    await failing.service.startCobrowse(CONV.messagingOnline, 'popup');
    await failing.service.idle();
    const ending = failing.service.end(CONV.messagingOnline);
    // End tries the DELETE three times (a 5xx may pass) before it says so.
    await vi.advanceTimersByTimeAsync(2_000);
    const s = await ending;
    expect(statusKey(s)).toBe('ov_status_ended_here_only');
  });

  it('End while the POST is in flight, a call without a route: the late offer is said to run on at Genesys', async () => {
    let release: () => void = () => undefined;
    const { service, ended } = setUp((a) => {
      selfUriElsewhere(a, 'Call');
      release = holdCalls(a.createCobrowse);
    });
    await service.startCobrowse(CONV.voice, 'popup');
    await vi.advanceTimersByTimeAsync(10);
    expect(service.get(CONV.voice)?.state).toBe('creating');
    const end = service.end(CONV.voice);
    release();
    await end;
    await service.idle();
    expect(ended).toEqual([]);
    expect(statusKey(service.get(CONV.voice) as SessionSnapshot)).toBe('ov_status_ended_here_only');
  });

  it('an End before any offer was out tells Genesys nothing and is a plain end', async () => {
    const { service, ended, getMessageData } = setUp((a) => selfUriElsewhere(a, 'Message'));
    await service.startCobrowse(CONV.messagingOffline, 'popup');
    await service.idle();
    const s = await service.end(CONV.messagingOffline);
    expect(ended).toEqual([]);
    expect(getMessageData).not.toHaveBeenCalled();
    expect(statusKey(s)).toBe('ov_status_ended');
  });
});

describe('event carriers', () => {
  it('notes which participant carried each CoBrowse event, also for a conversation with no session', async () => {
    const { service, facts } = setUp();
    await service.apply({
      conversationId: CONV.messagingOnline,
      events: [
        { type: 'cobrowse', subType: 'Offering', carrier: 'agent', key: 'a' },
        { type: 'cobrowse', subType: 'OfferingAccepted', carrier: 'customer', key: 'b' },
        { type: 'presence', subType: 'Join', key: 'c' },
      ],
      agentLeft: false,
      problems: [],
    });
    expect(facts).toEqual([
      { kind: 'carrier', subType: 'Offering', carrier: 'agent' },
      { kind: 'carrier', subType: 'OfferingAccepted', carrier: 'customer' },
    ]);
  });
});
