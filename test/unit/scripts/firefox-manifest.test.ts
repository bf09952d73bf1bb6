// The Firefox manifest is generated from manifest.json: what Firefox needs differently, and
// nothing else changed.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  buildMode,
  firefoxManifest,
  firefoxRedirectUri,
  GECKO_ID,
} from '../../../scripts/firefox-manifest';

const chrome = JSON.parse(readFileSync('manifest.json', 'utf8'));

describe('firefoxManifest', () => {
  const firefox = firefoxManifest(chrome);

  it('has an event page with module scripts instead of a service worker', () => {
    expect(firefox.background).toEqual({
      scripts: [chrome.background.service_worker],
      type: 'module',
    });
  });

  it('names the add-on and the oldest Firefox it supports', () => {
    expect(firefox.browser_specific_settings).toEqual({
      gecko: {
        id: GECKO_ID,
        strict_min_version: expect.stringMatching(/^\d+\.0$/),
        data_collection_permissions: { required: ['authenticationInfo'] },
      },
      gecko_android: { strict_min_version: expect.stringMatching(/^\d+\.0$/) },
    });
  });

  it('drops what only Chrome knows', () => {
    expect(chrome.permissions).toContain('offscreen');
    expect(firefox.permissions).not.toContain('offscreen');
    expect(firefox).not.toHaveProperty('minimum_chrome_version');
    expect(firefox).not.toHaveProperty('key');
    expect(firefox).not.toHaveProperty('storage');
    expect(chrome.web_accessible_resources[0]).toHaveProperty('use_dynamic_url');
    for (const r of firefox.web_accessible_resources ?? []) {
      expect(r).not.toHaveProperty('use_dynamic_url');
    }
  });

  it('keeps everything else as manifest.json has it', () => {
    const changed = ['background', 'permissions', 'web_accessible_resources'];
    const dropped = ['minimum_chrome_version', 'storage'];
    const kept = (m: Record<string, unknown>) =>
      Object.fromEntries(
        Object.entries(m).filter(
          ([k]) => ![...changed, ...dropped, 'browser_specific_settings'].includes(k),
        ),
      );
    expect(kept(firefox)).toEqual(kept(chrome));
    expect(firefox.web_accessible_resources?.map((r) => r.resources)).toEqual(
      chrome.web_accessible_resources.map((r: { resources: string[] }) => r.resources),
    );
  });

  it('leaves its input alone', () => {
    const before = structuredClone(chrome);
    firefoxManifest(chrome);
    expect(chrome).toEqual(before);
  });
});

describe('buildMode', () => {
  it.each([
    ['production', { browser: 'chrome', test: false, local: false, outDir: 'dist' }],
    ['test', { browser: 'chrome', test: true, local: true, outDir: 'dist-test' }],
    ['org-check', { browser: 'chrome', test: false, local: true, outDir: 'dist-org-check' }],
    ['firefox', { browser: 'firefox', test: false, local: false, outDir: 'dist-firefox' }],
    ['firefox-test', { browser: 'firefox', test: true, local: true, outDir: 'dist-firefox-test' }],
  ])('%s', (mode, expected) => expect(buildMode(mode)).toEqual(expected));
});

it('computes the redirect URI Firefox 153 answers for the add-on (identity.getRedirectURL)', () => {
  // Read off firefox-esr 153 with the test build loaded.
  expect(firefoxRedirectUri(GECKO_ID)).toBe(
    'https://19768c0b27a15d725851432deffe6b75a8ab4294.extensions.allizom.org/',
  );
});
