import { describe, expect, it } from 'vitest';
import { t } from '../../../src/shared/i18n';

describe('t', () => {
  it('reads the English catalogue', () => {
    expect(t('ext_name')).toBe('Cobrowse Launcher for Genesys Cloud');
  });
  it('shows a missing key as itself', () => {
    expect(t('no.such.key')).toBe('no.such.key');
  });
});
