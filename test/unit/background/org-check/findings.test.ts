import { describe, expect, it } from 'vitest';
import {
  conflictFinding,
  deploymentFinding,
  legacyTopicFinding,
  offerLifetimeFinding,
  participantFinding,
  redeliveryFinding,
  refreshTokenFinding,
  viewerFinding,
  voiceFinding,
} from '../../../../src/background/org-check/findings';

describe('org check findings', () => {
  it('conflict: 409 is true, a second session is false, anything else is not observed', () => {
    expect(conflictFinding({ status: 409, code: 'request.conflict' })).toMatchObject({
      value: true,
      evidence: ['second POST /api/v2/conversations/{id}/cobrowse → 409 request.conflict'],
    });
    expect(conflictFinding({ status: 200 }).value).toBe(false);
    expect(conflictFinding({ status: 503 })).toMatchObject({ reason: 'request_failed' });
    expect(conflictFinding(undefined).value).toBeUndefined();
  });

  it('participant: the Offering side and the answer side tell split, customer and agent apart', () => {
    const ev = (subType: string, purpose: string) => ({ subType, purpose });
    expect(
      participantFinding([ev('Offering', 'agent'), ev('OfferingRejected', 'customer')]).value,
    ).toBe('split');
    expect(
      participantFinding([ev('Offering', 'customer'), ev('OfferingAccepted', 'customer')]).value,
    ).toBe('customer');
    expect(
      participantFinding([ev('Offering', 'agent'), ev('OfferingAccepted', 'agent')]).value,
    ).toBe('agent');
    // Without the customer's answer, an agent-side Offering cannot tell split from agent.
    expect(participantFinding([ev('Offering', 'agent')])).toMatchObject({
      reason: 'customer_did_not_act',
    });
    expect(participantFinding([])).toMatchObject({ reason: 'no_offering_event' });
    // A shape the sandbox does not model is reported as seen, not forced into one.
    expect(
      participantFinding([ev('Offering', 'customer'), ev('OfferingRejected', 'agent')]).value,
    ).toBe('Offering=customer; answer=agent');
  });

  it('redelivery: needs the customer to leave and come back; then the Offering decides', () => {
    const base = { left: true, created: 200, returned: true, windowSeconds: 5 };
    expect(redeliveryFinding({ ...base, offeringAfterJoin: true }).value).toBe(true);
    const lost = redeliveryFinding({ ...base, offeringAfterJoin: false });
    expect(lost.value).toBe(false);
    expect(lost.evidence).toContain('no CoBrowse/Offering within 5 s after the Join');
    expect(redeliveryFinding({ ...base, left: false, offeringAfterJoin: false }).reason).toBe(
      'customer_did_not_leave',
    );
    expect(redeliveryFinding({ ...base, returned: false, offeringAfterJoin: false }).reason).toBe(
      'customer_did_not_return',
    );
  });

  it('refresh token: present or absent, never its value', () => {
    expect(refreshTokenFinding(true)).toEqual({
      id: 'issueRefreshTokens',
      value: true,
      evidence: ['token answer field refresh_token: present'],
    });
    expect(refreshTokenFinding(false).value).toBe(false);
    expect(refreshTokenFinding(undefined).reason).toBe('request_failed');
  });

  it('deployment id: the first place the guest route accepts', () => {
    expect(
      deploymentFinding([
        { place: 'selfUri', field: 'selfUri', status: 404 },
        { place: 'messageChannel', field: 'normalizedMessage.channel.id', status: 200 },
      ]).value,
    ).toBe('messageChannel');
    expect(deploymentFinding([{ place: 'selfUri', field: 'selfUri', status: 200 }]).value).toBe(
      'selfUri',
    );
    expect(deploymentFinding([{ place: 'selfUri', field: 'selfUri' }]).reason).toBe(
      'no_deployment_id',
    );
  });

  it('voice: listed on the conversation, else the guest GET after the end', () => {
    expect(voiceFinding({ listedState: 'alerting', guestAfterEnd: 200 }).value).toBe(
      'conversation',
    );
    expect(voiceFinding({ guestAfterEnd: 404 }).value).toBe('guest-route');
    expect(voiceFinding({ guestAfterEnd: 200 }).value).toBe('none');
    expect(voiceFinding({}).reason).toBe('request_failed');
    expect(voiceFinding(undefined).reason).toBe('no_voice_conversation');
  });

  it('legacy topic: Rejected, Permitted and silent, or Permitted with frames', () => {
    expect(
      legacyTopicFinding({ subscription: 'Rejected', frames: [], watchedSeconds: 3 }).value,
    ).toBe('rejected');
    expect(
      legacyTopicFinding({ subscription: 'Permitted', frames: [], watchedSeconds: 3 }).value,
    ).toBe('silent');
    const carries = legacyTopicFinding({
      subscription: 'Permitted',
      frames: [{ state: 'alerting' }, { state: 'disconnected' }],
      watchedSeconds: 3,
    });
    expect(carries.value).toBe('carries');
    expect(carries.evidence.at(-1)).toContain('alerting, disconnected');
  });

  it("offer lifetime: dateOfferEnds against the answer's Date header", () => {
    expect(
      offerLifetimeFinding({
        dateOfferEnds: '2026-12-06T10:02:00.900Z',
        date: 'Sun, 06 Dec 2026 10:00:00 GMT',
      }).value,
    ).toBe(120);
    expect(offerLifetimeFinding({ dateOfferEnds: '2026-12-06T10:02:00Z' }).reason).toBe(
      'request_failed',
    );
  });

  it('viewer: joins when it reports one of the check’s sessions, creates otherwise', () => {
    expect(viewerFinding('a', ['a', 'b']).value).toBe('joins');
    expect(viewerFinding('c', ['a']).value).toBe('creates');
    expect(viewerFinding(undefined, ['a']).reason).toBe('viewer_no_answer');
  });
});
