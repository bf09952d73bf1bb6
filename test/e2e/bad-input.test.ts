// Bad input, in real Chromium: ids that are not UUIDs, hostile pages (thousands of UUIDs, a giant
// DOM, ids only in scripts or hidden elements), HTML and script in customer names, very long
// strings, conversations whose media cannot cobrowse. Each ends with a clear message or the right
// choice, no crash, nothing sent that should not be.
import { describe, expect, it } from 'vitest';
import { allCreateRequests, pressCommand } from '../../tools/browser/agent';
import { createStatuses, freshConversation } from '../../tools/browser/cobrowse';
import { overlayOn } from '../../tools/browser/overlay';
import { useFixturePages } from './harness/fixture-pages';
import { useAgentSuite } from './harness/suite';

/** A v4-shaped UUID from a counter: valid, and nobody's conversation. */
const strayId = (i: number) =>
  `${i.toString(16).padStart(8, '0')}-1111-4111-8111-${(i * 7919).toString(16).padStart(12, '0').slice(-12)}`;

describe('bad input', () => {
  const { ext, sandbox, m, open, endAfter, start } = useAgentSuite();
  const fixtures = useFixturePages();
  const allCreates = () => allCreateRequests(sandbox.current).length;

  it('ids that are not UUIDs are refused before anything is sent, explained', async () => {
    const before = allCreates();
    for (const conversationId of ['not-a-uuid', '../../tokens/me', `${'a'.repeat(5000)}`, '']) {
      const reply = await ext.current.sendMessage<{
        ok: boolean;
        error?: { code: string; title: string; fix: string };
      }>('cobrowse.start', { conversationId, origin: 'popup' });
      expect(reply.ok).toBe(false);
      expect(reply.error?.code).toBe('request.malformed');
      expect(reply.error?.title).toBe(m('conn_router_malformed_title'));
      expect(reply.error?.fix.length).toBeGreaterThan(0);
    }
    expect(allCreates()).toBe(before);
  });

  it('a hostile page: thousands of stray UUIDs and a giant DOM around the one real id → that one starts', async () => {
    const id = endAfter(freshConversation(sandbox.current, { customerName: 'Real Customer' }));
    const stray = Array.from({ length: 5000 }, (_, i) => strayId(i + 1));
    const html = `<!doctype html><title>Hostile</title><body>
      <main>${stray.map((u) => `<span>${u}</span>`).join(' ')}</main>
      <div id="deep"></div>
      <p>Conversation ID: ${id}</p>
      <script>
        // A giant DOM: 30,000 nested and sibling elements.
        let node = document.getElementById('deep');
        for (let i = 0; i < 300; i++) { const d = document.createElement('div'); node.append(d); node = d; }
        for (let i = 0; i < 30000; i++) document.body.append(document.createElement('i'));
      </script></body>`;
    const page = await open(fixtures.page('hostile.html', html));
    await pressCommand(ext.current, page);
    const overlay = await overlayOn(page, ext.current);
    expect((await overlay.joinCode()).length).toBeGreaterThan(0);
    await overlay.root.getByText('Real Customer', { exact: true }).waitFor();
    expect(await overlay.root.getByText('Real Customer', { exact: true }).count()).toBe(1);
    expect(createStatuses(sandbox.current, id)).toEqual([200]);
  });

  // (A hidden element's explicit attribute, e.g. data-conversation-id on a CRM's hidden field,
  // does count, ranked last: that is how integrations store the id; see src/content/collect.ts.)
  it('ids only in scripts, templates or hidden text are not taken: the agent picks, nothing is sent', async () => {
    const id = endAfter(freshConversation(sandbox.current));
    const html = `<!doctype html><title>Hidden ids</title><body>
      <p>Nothing to see here.</p>
      <script>window.config = { conversationId: "${id}" };</script>
      <div hidden>${id}</div>
      <span aria-hidden="true">${id}</span>
      <div style="display:none">Conversation ID: ${id}</div>
      <template><p>${id}</p></template></body>`;
    const page = await open(fixtures.page('hidden-ids.html', html));
    const before = allCreates();
    await pressCommand(ext.current, page);
    const overlay = await overlayOn(page, ext.current);
    await overlay.root.getByRole('list', { name: m('ov_picker_title') }).waitFor();
    expect(allCreates()).toBe(before);
  });

  it('HTML and script in a customer name are shown as text, never run', async () => {
    const name = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';
    const { page, overlay } = await start({ customerName: name });
    await overlay.joinCode();
    await overlay.root.getByText(name, { exact: true }).waitFor();
    expect(await overlay.root.locator('img, script').count()).toBe(0);
    expect(await page.evaluate(() => (window as { __pwned?: string }).__pwned)).toBeUndefined();
  });

  it('very long strings: a 10,000-character name (shown bounded) and a 20,000-character server message', async () => {
    const s = sandbox.current;
    const name = `Ζωή ${'Long-name '.repeat(1000)}`.trim();
    s.fault({ method: 'POST', path: '/cobrowse$', status: 503, message: 'x'.repeat(20_000) });
    const { overlay } = await start({ customerName: name });
    await overlay.root.getByRole('heading', { name: m('err_unavailable_title') }).waitFor();
    // Shown, bounded (80 characters, the rest elided): the panel stays readable.
    const shown = overlay.root.getByText(`${name.slice(0, 79)}…`, { exact: true });
    expect(await shown.count()).toBe(1);
    // Still usable: Retry (after the reconcile) makes the offer.
    const retry = overlay.button(m('ov_retry'));
    await expect.poll(() => retry.getAttribute('aria-disabled')).toBeNull();
    await retry.click();
    expect((await overlay.joinCode()).length).toBeGreaterThan(0);
  });

  it.each([
    ['email', 'err_media_email_title'],
    ['chat', 'err_media_chat_title'],
  ] as const)('a %s conversation is explained, nothing is sent', async (media, title) => {
    const { id, overlay } = await start({ media });
    await overlay.root.getByRole('heading', { name: m(title) }).waitFor();
    expect(createStatuses(sandbox.current, id)).toEqual([]);
  });

  it('logged no errors', () => {
    ext.current.expectNoErrors([/\b503\b/]);
  });
});
