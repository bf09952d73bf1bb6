// The channel module's pure parts: when a channel is renewed, and how a refused topic reads.
import { describe, expect, it } from 'vitest';
import { expiring, refused, renewAt } from '../../../../src/background/notifications/channel';

const NOW = Date.parse('2026-01-01T09:00:00.000Z');
const DAY = 86_400_000;

describe('channel renewal', () => {
  it('renews renewBeforeMs before `expires`', () => {
    const expires = new Date(NOW + DAY).toISOString();
    expect(renewAt(expires, NOW, 600_000)).toBe(NOW + DAY - 600_000);
  });

  it('never earlier than the last 10% of a short-lived channel', () => {
    const expires = new Date(NOW + 60_000).toISOString();
    expect(renewAt(expires, NOW, 600_000)).toBe(NOW + 54_000);
  });

  it('an expiry already past renews at once; no or bad `expires`: no renewal', () => {
    const past = new Date(NOW - 1_000).toISOString();
    expect(renewAt(past, NOW, 600_000)).toBe(NOW - 1_000);
    expect(renewAt(undefined, NOW, 600_000)).toBeUndefined();
    expect(renewAt('soon', NOW, 600_000)).toBeUndefined();
  });

  it('a channel is expiring from its renewal time on', () => {
    const ch = { id: 'c', connectUri: 'wss://x', userId: 'u', renewAt: NOW };
    expect(expiring(ch, NOW - 1)).toBe(false);
    expect(expiring(ch, NOW)).toBe(true);
    expect(expiring({ ...ch, renewAt: undefined }, NOW + DAY)).toBe(false);
  });
});

describe('subscription refusal', () => {
  const topic = 'v2.users.u.conversations.messages';

  it('Permitted (or no state) is no refusal', () => {
    expect(refused({ entities: [{ id: topic, state: 'Permitted' }] }, topic)).toBeUndefined();
    expect(refused({ entities: [{ id: topic }] }, topic)).toBeUndefined();
  });

  it('Rejected names the reason and the missing permissions', () => {
    const error = refused(
      {
        entities: [
          {
            id: topic,
            state: 'Rejected',
            rejectionReason: 'no access',
            missingPermissions: ['conversation:message:view'],
          },
        ],
      },
      topic,
    );
    expect(error?.code).toBe('notifications.rejected');
    expect(error?.message).toBe(`${topic}: Rejected (no access; conversation:message:view)`);
  });

  it('a topic missing from the answer is refused', () => {
    expect(refused({ entities: [] }, topic)?.message).toBe(`${topic}: not in the subscription`);
  });
});
