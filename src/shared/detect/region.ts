// Genesys region recognition with Genesys's own published list (genesys-cloud-service-discovery-web).
// That package bundles url-parse, so this file is imported only by detect() in the background
// and popup, never by the content-script collector.
import { parse } from 'genesys-cloud-service-discovery-web';

/** The region domain ("mypurecloud.ie", "usw2.pure.cloud") of a Genesys URL or host, else undefined. */
export function regionOf(urlOrHost: string | undefined): string | undefined {
  if (!urlOrHost || urlOrHost.length > 2_048) return undefined;
  const url = urlOrHost.includes('://') ? urlOrHost : `https://${urlOrHost}`;
  try {
    return parse(url)?.publicDomainName;
  } catch {
    return undefined;
  }
}
