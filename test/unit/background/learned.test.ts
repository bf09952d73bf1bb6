// Run-time facts: each is recorded once (nothing rewritten when it adds nothing), and they belong
// to the environment + client they were learned with. Then the pure parts of finding a
// deployment id in a message's data, which come from server answers (plain ids only).
import { fakeBrowser } from '@webext-core/fake-browser';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  channelIdOf,
  guestRoute,
  messageToRead,
} from '../../../src/background/cobrowse/deployment';
import { createLearnedStore, LEARNED_KEY } from '../../../src/background/learned';
import { type Learned, withFact } from '../../../src/shared/learned';

describe('withFact', () => {
  it('records the sign-in, then how each renewal went', () => {
    let l: Learned = {};
    l = withFact(l, { kind: 'token', via: 'sign-in', refreshToken: true });
    expect(l.refreshToken).toEqual({ signIn: true });
    l = withFact(l, { kind: 'token', via: 'refresh', refreshToken: true });
    expect(l.refreshToken).toEqual({ signIn: true, renewal: 'refresh' });
    l = withFact(l, {
      kind: 'token',
      via: 'silent-sign-in',
      refreshToken: false,
      refreshRefused: true,
    });
    // The silent sign-in's own answer carried none: later renewals will sign in again.
    expect(l.refreshToken).toEqual({ signIn: false, renewal: 'refused-then-silent' });
    l = withFact(l, { kind: 'token', via: 'sign-in', refreshToken: false });
    expect(l.refreshToken).toEqual({ signIn: false });
  });

  it('keeps each carrier of a subtype once, and returns the same object for a known fact', () => {
    const a = withFact({}, { kind: 'carrier', subType: 'Offering', carrier: 'agent' });
    const b = withFact(a, { kind: 'carrier', subType: 'Offering', carrier: 'customer' });
    expect(b.carriers).toEqual({ Offering: ['agent', 'customer'] });
    expect(withFact(b, { kind: 'carrier', subType: 'Offering', carrier: 'agent' })).toBe(b);
    const d = withFact(b, { kind: 'deploymentId', media: 'call', place: 'none' });
    expect(d.deploymentId).toEqual({ call: 'none' });
    expect(withFact(d, { kind: 'deploymentId', media: 'call', place: 'none' })).toBe(d);
  });
});

describe('createLearnedStore', () => {
  beforeEach(() => fakeBrowser.reset());

  it('keeps facts in storage.session for the binding; another binding starts with none', async () => {
    let binding = 'login-a|client-1';
    const store = createLearnedStore({
      storage: fakeBrowser.storage.session,
      binding: async () => binding,
      log: vi.fn(),
    });
    store.note({ kind: 'carrier', subType: 'OfferingAccepted', carrier: 'customer' });
    expect(await store.read()).toEqual({
      boundTo: 'login-a|client-1',
      carriers: { OfferingAccepted: ['customer'] },
    });
    expect((await fakeBrowser.storage.session.get(LEARNED_KEY))[LEARNED_KEY]).toBeDefined();
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
    binding = 'login-b|client-1';
    expect(await store.read()).toEqual({ boundTo: 'login-b|client-1' });
    store.note({ kind: 'deploymentId', media: 'message', place: 'messageChannel' });
    expect(await store.read()).toEqual({
      boundTo: 'login-b|client-1',
      deploymentId: { message: 'messageChannel' },
    });
  });

  it('writes nothing for a fact it already has', async () => {
    const set = vi.spyOn(fakeBrowser.storage.session, 'set');
    const store = createLearnedStore({
      storage: fakeBrowser.storage.session,
      binding: async () => 'b',
      log: vi.fn(),
    });
    store.note({ kind: 'carrier', subType: 'Offering', carrier: 'agent' });
    store.note({ kind: 'carrier', subType: 'Offering', carrier: 'agent' });
    await store.read();
    expect(set).toHaveBeenCalledTimes(1);
  });
});

describe('the deployment id in a message', () => {
  const message = (id: string, time: string, cobrowse = false) => ({
    messageId: id,
    messageTime: time,
    ...(cobrowse ? { messageMetadata: { events: [{ eventType: 'CoBrowse' }] } } : {}),
  });

  it('reads the newest message that carried a CoBrowse event, else the newest', () => {
    const body = {
      participants: [
        {
          messages: [message('m1', '2026-01-01T10:00:00Z'), message('m3', '2026-01-01T10:02:00Z')],
        },
        { messages: [message('m2', '2026-01-01T10:01:00Z', true)] },
      ],
    };
    expect(messageToRead(body)).toBe('m2');
    expect(messageToRead({ participants: [{ messages: [message('m1', 'x')] }] })).toBe('m1');
    expect(messageToRead({ participants: 'no' })).toBeUndefined();
    // An id that is not a plain id never reaches a path.
    expect(messageToRead({ participants: [{ messages: [message('../me', 'x')] }] })).toBe(
      undefined,
    );
  });

  it('takes normalizedMessage.channel.id only when it is a plain id', () => {
    expect(channelIdOf({ normalizedMessage: { channel: { id: 'dep-1' } } })).toBe('dep-1');
    expect(channelIdOf({ normalizedMessage: { channel: { id: 'a/../b' } } })).toBeUndefined();
    expect(channelIdOf({ normalizedMessage: {} })).toBeUndefined();
    expect(channelIdOf('text')).toBeUndefined();
  });

  it('builds the guest route of two plain ids, and refuses anything else', () => {
    expect(guestRoute('dep-1', 's-2')).toBe(
      '/api/v2/webdeployments/deployments/dep-1/cobrowse/s-2',
    );
    expect(guestRoute('dep%2e', 's')).toBeUndefined();
    expect(guestRoute('dep', 's\\..')).toBeUndefined();
  });
});
