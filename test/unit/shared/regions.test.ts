import { getEnvironments, parse } from 'genesys-cloud-service-discovery-web';
import { describe, expect, it } from 'vitest';
import { REGIONS, regionOf } from '../../../src/shared/regions';

describe('regions', () => {
  it('are exactly the deployments Genesys publishes', () => {
    expect(REGIONS.map((r) => r.domain).sort()).toEqual(
      getEnvironments()
        .map((e) => e.publicDomainName)
        .sort(),
    );
  });

  it('recognise hosts as the package parse() does, look-alikes included', () => {
    for (const url of [
      'https://apps.mypurecloud.ie/directory/#/engage/admin/interactions/x',
      'https://api.usw2.pure.cloud/api/v2',
      'https://apps.mypurecloud.com.evil.example/',
      'https://mypurecloud.com.au',
      'https://example.com/mypurecloud.com',
    ]) {
      expect(regionOf(url)).toBe(parse(url)?.publicDomainName);
    }
  });

  it('ignore what is not a URL or host', () => {
    expect(regionOf(undefined)).toBeUndefined();
    expect(regionOf('not a host at all ::')).toBeUndefined();
    expect(regionOf(`https://${'a'.repeat(3000)}.mypurecloud.com`)).toBeUndefined();
  });
});
