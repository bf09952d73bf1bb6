// Genesys's published deployments (genesys-cloud-service-discovery-web), read at build time.
// The package's browser build inlines url-parse and weighs ~7.9 KB gzip; the extension only
// needs the list itself, so vite (and vitest) define it as a constant instead of bundling it.
import { getEnvironments } from 'genesys-cloud-service-discovery-web';
import type { GenesysRegion } from '../src/shared/regions';

export function genesysRegions(): GenesysRegion[] {
  return getEnvironments().map((e) => ({
    domain: e.publicDomainName,
    aliases: e.publicDomainAliases,
    region: e.region,
    env: e.env,
  }));
}

/** The `define` entry both vite.config.ts and vitest.config.ts use. */
export const regionsDefine = () => ({ __GENESYS_REGIONS__: JSON.stringify(genesysRegions()) });
