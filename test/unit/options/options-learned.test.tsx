// @vitest-environment happy-dom
// Test connection's "learned from your org" part: each fact the background recorded, in words,
// and "not seen yet" for what has not happened; nothing shown when the report carries none.
import { cleanup, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { ConnectionReport } from '../../../src/options/ConnectionReport';
import type { ConnectionReport as Report } from '../../../src/shared/protocol';

const base: Report = {
  org: { id: 'o1', name: 'Acme Support' },
  user: { id: 'u1', name: 'Ada Agent' },
  scopes: ['conversations', 'notifications', 'user-basic-info'],
  cobrowse: { message: true, call: true },
  gaps: [],
};

const learnedRegion = () => screen.getByRole('region', { name: 'Learned from your org so far' });

afterEach(cleanup);

describe('the learned facts in the connection report', () => {
  it('says what was seen: a refresh token and its last use, the carriers, the deployment places', () => {
    render(
      <ConnectionReport
        report={{
          ...base,
          learned: {
            refreshToken: { signIn: true, renewal: 'refresh' },
            carriers: { Offering: ['agent'], OfferingAccepted: ['customer'] },
            deploymentId: { message: 'messageChannel', call: 'none' },
          },
        }}
      />,
    );
    const region = learnedRegion();
    expect(region.textContent).toContain('The last sign-in came with one: renewals use it.');
    expect(region.textContent).toContain('Last renewal: with the refresh token.');
    const events = within(region).getByRole('list', {
      name: 'Cobrowse events seen, and who carried them',
    });
    expect(
      within(events)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      "Offering: the agent's participant",
      "OfferingAccepted: the customer's participant",
    ]);
    const places = within(region).getByRole('list', {
      name: 'Web deployment id (to end sessions at Genesys Cloud)',
    });
    expect(
      within(places)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      "Web messaging: in a message's channel (one more read when you end)",
      'Voice: not found: End ends sessions in this browser only',
    ]);
  });

  it('says "not seen yet" for each fact not observed, and no refresh token when none came', () => {
    render(<ConnectionReport report={{ ...base, learned: { refreshToken: { signIn: false } } }} />);
    const region = learnedRegion();
    expect(region.textContent).toContain(
      'The last sign-in came without one: renewals sign in again silently.',
    );
    expect(within(region).getAllByText('Not seen yet.')).toHaveLength(2);
  });

  it('shows no such part when the report carries no facts', () => {
    render(<ConnectionReport report={base} />);
    expect(screen.queryByRole('region', { name: 'Learned from your org so far' })).toBeNull();
  });
});
