// Unit tests run against @webext-core/fake-browser in place of webextension-polyfill, with
// i18n answering from the real English catalogue (the fake has no i18n).
import { fakeBrowser } from '@webext-core/fake-browser';
import { beforeEach, vi } from 'vitest';
import { i18n } from '../support/i18n';

export { getMessage } from '../support/i18n';

Object.assign(fakeBrowser, { i18n: { ...(fakeBrowser as { i18n?: object }).i18n, ...i18n } });
vi.mock('webextension-polyfill', () => ({ default: fakeBrowser }));

beforeEach(() => {
  fakeBrowser.reset();
});
