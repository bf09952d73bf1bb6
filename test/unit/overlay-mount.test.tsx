// @vitest-environment happy-dom
import { fireEvent, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { findOverlay, HOST_TAG, mountOverlay } from '../../src/content/mount';
import type { OverlayView } from '../../src/ui/session/model';
import { fakeClock, recordingActions, snapshot, T0 } from './overlay-fixtures';

const offered: OverlayView = { kind: 'session', snapshot: snapshot() };
const active: OverlayView = { kind: 'session', snapshot: snapshot({ state: 'active' }) };

function pageButton(label: string): HTMLButtonElement {
  const b = document.createElement('button');
  b.textContent = label;
  document.body.append(b);
  b.focus();
  return b;
}

// overlay.css's primary button; happy-dom reports colours as written, browsers as rgb().
const PRIMARY_BLUE = ['#0b57d0', 'rgb(11, 87, 208)'];
const inside = (root: ShadowRoot) => within(root as unknown as HTMLElement);

afterEach(() => {
  findOverlay()?.unmount();
  document.body.innerHTML = '';
  document.head.innerHTML = '';
});

describe('mountOverlay', () => {
  it('renders into an open shadow root with our constructed stylesheet, and moves focus in', () => {
    const before = pageButton('Page button');
    const handle = mountOverlay(offered, recordingActions(), { clock: fakeClock(T0) });
    expect(document.querySelectorAll(HOST_TAG)).toHaveLength(1);
    expect(handle.host.shadowRoot).toBe(handle.shadowRoot);
    const dialog = inside(handle.shadowRoot).getByRole('dialog', { name: 'Cobrowse' });
    expect(handle.shadowRoot.activeElement).toBe(dialog);
    expect(document.activeElement).not.toBe(before);
    const rules = handle.shadowRoot.adoptedStyleSheets.flatMap((s) =>
      [...s.cssRules].map((r) => r.cssText),
    );
    expect(rules.join('\n')).toMatch(/:host\s*\{\s*all: initial !important/);
    // Nothing of ours is in the page's DOM but the host.
    expect(document.querySelector('[role="dialog"]')).toBeNull();
  });

  it('keeps one host when mounted twice, showing the newer view with the newer actions', () => {
    const first = recordingActions();
    const second = recordingActions();
    const a = mountOverlay(offered, first, { trustAll: true });
    const b = mountOverlay(active, second);
    expect(b).toBe(a);
    expect(document.querySelectorAll(HOST_TAG)).toHaveLength(1);
    fireEvent.click(inside(b.shadowRoot).getByRole('button', { name: 'Open viewer' }));
    expect(second.openViewer).toHaveBeenCalledTimes(1);
    expect(first.openViewer).not.toHaveBeenCalled();
  });

  it('a re-injected copy of the script (a fresh module instance) reuses the same overlay', async () => {
    const a = mountOverlay(offered, recordingActions());
    vi.resetModules();
    const again = await import('../../src/content/mount');
    expect(again.mountOverlay).not.toBe(mountOverlay);
    const b = again.mountOverlay(active, recordingActions());
    expect(b).toBe(a);
    expect(document.querySelectorAll(HOST_TAG)).toHaveLength(1);
    expect(inside(a.shadowRoot).getAllByRole('dialog')).toHaveLength(1);
    inside(a.shadowRoot).getByRole('button', { name: 'Open viewer' });
  });

  it('replaces an element the page made with our tag name', () => {
    const fake = document.createElement(HOST_TAG);
    fake.attachShadow({ mode: 'open' }).innerHTML = '<p>fake overlay</p>';
    document.documentElement.append(fake);
    const handle = mountOverlay(offered, recordingActions());
    expect(handle.host).not.toBe(fake);
    expect(fake.isConnected).toBe(false);
    expect(document.querySelectorAll(HOST_TAG)).toHaveLength(1);
  });

  it('Esc hides it, returns focus to the page, and reports close; the session is untouched', () => {
    const before = pageButton('Page button');
    const actions = recordingActions();
    const handle = mountOverlay(offered, actions, { trustAll: true });
    fireEvent.keyDown(inside(handle.shadowRoot).getByRole('button', { name: 'End' }), {
      key: 'Escape',
    });
    expect(actions.close).toHaveBeenCalledTimes(1);
    expect(actions.end).not.toHaveBeenCalled();
    expect(inside(handle.shadowRoot).queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(before);
    expect(handle.visible).toBe(false);
  });

  it('Close does the same; pushes while closed do not reopen it; show() does', () => {
    const before = pageButton('Page button');
    const handle = mountOverlay(offered, recordingActions(), { trustAll: true });
    fireEvent.click(inside(handle.shadowRoot).getByRole('button', { name: 'Close' }));
    expect(document.activeElement).toBe(before);
    handle.update(active);
    expect(inside(handle.shadowRoot).queryByRole('dialog')).toBeNull();
    handle.show();
    inside(handle.shadowRoot).getByRole('button', { name: 'Open viewer' });
  });

  it('updates in place without taking focus from the page', () => {
    const handle = mountOverlay(offered, recordingActions());
    const field = document.createElement('input');
    document.body.append(field);
    field.focus();
    handle.update(active);
    expect(document.activeElement).toBe(field);
    expect(inside(handle.shadowRoot).getByRole('status').textContent).toBe(
      'Active: the customer accepted.',
    );
  });

  it('is not styled by the page, and does not style the page', () => {
    const style = document.createElement('style');
    style.textContent = 'button { display: none !important; } .btn { color: red; }';
    document.head.append(style);
    const pageBtn = document.createElement('button');
    pageBtn.className = 'btn primary';
    document.body.append(pageBtn);
    const handle = mountOverlay(offered, recordingActions());
    const end = inside(handle.shadowRoot).getByRole('button', { name: 'End' });
    // The page's rules work on its own button but not on ours...
    expect(getComputedStyle(pageBtn).display).toBe('none');
    expect(getComputedStyle(pageBtn).color).toBe('red');
    expect(getComputedStyle(end).display).not.toBe('none');
    expect(getComputedStyle(end).color).not.toBe('red');
    // ...and ours style our button but not the page's same-named classes.
    expect(PRIMARY_BLUE).toContain(getComputedStyle(end).backgroundColor);
    expect(PRIMARY_BLUE).not.toContain(getComputedStyle(pageBtn).backgroundColor);
  });

  it('unmount removes the host', () => {
    mountOverlay(offered, recordingActions()).unmount();
    expect(document.querySelector(HOST_TAG)).toBeNull();
    expect(findOverlay()).toBeUndefined();
  });
});
