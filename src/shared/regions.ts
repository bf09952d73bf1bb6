// The Genesys Cloud regions, from Genesys's own list (scripts/regions.ts puts it here at build
// time), and the host matching that package's parse() did, with the platform's URL parser.

export interface GenesysRegion {
  /** "mypurecloud.ie" */
  domain: string;
  aliases: string[];
  /** "eu-west-1" */
  region: string;
  /** "prod" | "fedramp" | ... */
  env: string;
}

declare const __GENESYS_REGIONS__: GenesysRegion[];

export const REGIONS: readonly GenesysRegion[] = __GENESYS_REGIONS__;

/** The region domain ("mypurecloud.ie", "usw2.pure.cloud") of a Genesys URL or host, else undefined. */
export function regionOf(urlOrHost: string | undefined): string | undefined {
  if (!urlOrHost || urlOrHost.length > 2_048) return undefined;
  let host: string;
  try {
    host = new URL(urlOrHost.includes('://') ? urlOrHost : `https://${urlOrHost}`).hostname;
  } catch {
    return undefined;
  }
  for (const r of REGIONS) {
    for (const domain of [r.domain, ...r.aliases]) {
      if (host === domain || host.endsWith(`.${domain}`)) return r.domain;
    }
  }
  return undefined;
}
