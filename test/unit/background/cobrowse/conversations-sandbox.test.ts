// Cross-check: the pure classifiers read the sandbox's response builders (which are
// type-checked against the SDK Models) the way the popup needs them, seed by seed.
import { describe, expect, it } from 'vitest';
import { classifyConversation } from '../../../../src/background/cobrowse/conversations';
import { parseConversation } from '../../../../src/background/cobrowse/events';
import { SandboxOrg } from '../../../../tools/sandbox/org';
import { SEED, seedConversations } from '../../../../tools/sandbox/seed';
import { conversationBody, messageConversationBody } from '../../../../tools/sandbox/shapes';

const org = new SandboxOrg();
const ALL = { message: true, call: true };
const mine = seedConversations().filter((c) => c.userId === SEED.users.agent);

describe('classifyConversation on the sandbox seeds', () => {
  it.each(mine)('$media conversation of $customerName', (seed) => {
    const conv = org.conversations.get(seed.id);
    if (!conv) throw new Error(`seed ${seed.id} missing`);
    const s = classifyConversation(conversationBody(org, conv), SEED.users.agent, ALL);
    const media = seed.media === 'email' ? 'email' : seed.media;
    expect(s).toMatchObject({
      id: seed.id,
      media,
      customerName: seed.customerName,
      queueName: seed.queue.name,
      canCobrowse: seed.media === 'message' || seed.media === 'call',
    });
    if (seed.media === 'message') expect(s.customerOnline).toBe(seed.customerOnline);
    else expect(s.customerOnline).toBeUndefined();
  });

  it('the REST message conversation carries the same presence', () => {
    for (const seed of mine.filter((c) => c.media === 'message')) {
      const conv = org.conversations.get(seed.id);
      if (!conv) throw new Error('missing');
      const u = parseConversation(messageConversationBody(org, conv), SEED.users.agent);
      expect(u?.problems).toEqual([]);
      const last = u?.events.filter((e) => e.type === 'presence').at(-1);
      expect(last?.subType).toBe(seed.customerOnline ? 'Join' : 'Disconnect');
      expect(u?.agentLeft).toBe(false);
    }
  });
});
