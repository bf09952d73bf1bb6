import { getEnvironments } from 'genesys-cloud-service-discovery-web';
import { describe, expect, it } from 'vitest';
import { asLabel, isIdKey, labelTail } from '../../../../src/shared/detect/dom';
import { detect, LIMITS, normaliseId, RANK, regionOf } from '../../../../src/shared/detect/index';
import { rankHints } from '../../../../src/shared/detect/rank';
import { compileRules, hasNestedQuantifier, regexIds } from '../../../../src/shared/detect/rules';
import { urlHints } from '../../../../src/shared/detect/url';
import { findUuids } from '../../../../src/shared/detect/uuid';
import { validateRule } from '../../../../src/shared/detect/validate-rule';

const A = '3f2b6c1e-8d4a-4e7b-9c2d-1a5e6f7b8c9d';
const B = 'b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d5e';
const C = 'c0ffee00-1234-4abc-8def-567890abcdef';

describe('normaliseId', () => {
  it('accepts UUIDs in any case, braces or urn form, and lower-cases them', () => {
    expect(normaliseId(A.toUpperCase())).toBe(A);
    expect(normaliseId(` {${A}} `)).toBe(A);
    expect(normaliseId(`urn:uuid:${A}`)).toBe(A);
  });
  it('rejects everything else', () => {
    for (const bad of [
      '',
      'abc',
      A.slice(1),
      `${A}0`,
      A.replace(/-/g, ''),
      `${A.slice(0, 35)}g`,
      '00000000-0000-0000-0000-000000000000',
      `<b>${A}</b>`,
      'x'.repeat(10_000),
      42,
      null,
      undefined,
      { id: A },
    ]) {
      expect(normaliseId(bad), String(bad).slice(0, 40)).toBeUndefined();
    }
  });
});

describe('findUuids', () => {
  it('finds standalone UUIDs with their offsets, not ones glued to letters or digits', () => {
    const text = `id ${A}, x${B} ${C}9 "${C.toUpperCase()}"`;
    expect(findUuids(text)).toEqual([
      { id: A, index: 3 },
      { id: C, index: text.indexOf(C.toUpperCase()) },
    ]);
  });
  it('stops at max matches and max characters', () => {
    const many = Array.from({ length: 100 }, () => A).join(' ');
    expect(findUuids(many, 7)).toHaveLength(7);
    expect(findUuids(`${'x '.repeat(100)}${A}`, 50, 100)).toEqual([]);
  });
  it('scans a long near-miss text in linear time (no backtracking blow-up)', () => {
    // 8 hex, hyphen, 4 hex... repeated without ever completing: the classic trap for loose patterns.
    const trap = 'aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaa-'.repeat(50_000);
    expect(findUuids(trap)).toEqual([]);
  });
});

describe('label and key helpers', () => {
  it('recognises id keys', () => {
    for (const k of [
      'data-conversation-id',
      'interactionId',
      'conversation_id',
      'data-gc-conversation',
      'convId',
    ]) {
      expect(isIdKey(k), k).toBe(true);
    }
    for (const k of ['data-id', 'id', 'href', 'data-user-id', 'queueId'])
      expect(isIdKey(k), k).toBe(false);
  });
  it('recognises short labels and label tails', () => {
    expect(asLabel('  Conversation   ID ')).toBe('Conversation ID');
    expect(asLabel('Interaction')).toBe('Interaction');
    expect(asLabel('Conv. ID')).toBe('Conv. ID');
    expect(asLabel('Customer')).toBeUndefined();
    expect(asLabel(`A long paragraph about the conversation ${'x'.repeat(200)}`)).toBeUndefined();
    expect(labelTail('Ticket 42 — Conversation ID: ')).toBe('Conversation ID');
    expect(labelTail('interaction #')).toBe('interaction');
    expect(labelTail('User ID: ')).toBeUndefined();
    expect(labelTail('Conversation ID: abc, next ')).toBeUndefined();
  });
});

describe('urlHints', () => {
  it('reads Genesys interaction routes in the hash', () => {
    expect(
      urlHints(`https://apps.mypurecloud.ie/directory/#/engage/admin/interactions/${A}`),
    ).toEqual([{ id: A, source: 'url-path', where: 'interactions', host: 'apps.mypurecloud.ie' }]);
    expect(
      urlHints(
        `https://apps.usw2.pure.cloud/directory/#/analytics/interactions/${A}/admin/details`,
      )[0],
    ).toMatchObject({ id: A, source: 'url-path' });
    expect(
      urlHints(`https://apps.mypurecloud.de/#/interaction/${A.toUpperCase()}`)[0],
    ).toMatchObject({
      id: A,
      source: 'url-path',
    });
    expect(urlHints(`https://x.example/app#!/interaction/${A}`)[0]).toMatchObject({
      id: A,
      source: 'url-path',
    });
  });
  it('reads id parameters in the query and the hash query, and interaction URLs nested in parameters', () => {
    const url = `https://tools.example/case?foo=1&conversationId=${A}#/view?interaction_id=${B}`;
    expect(urlHints(url).map((h) => [h.id, h.source, h.where])).toEqual([
      [A, 'url-param', 'conversationId'],
      [B, 'url-param', 'interaction_id'],
    ]);
    const nested = `https://sso.example/login?next=${encodeURIComponent(`https://apps.mypurecloud.com/directory/#/engage/admin/interactions/${C}`)}`;
    expect(urlHints(nested)[0]).toMatchObject({
      id: C,
      source: 'url-path',
      host: 'apps.mypurecloud.com',
    });
  });
  it('marks any other UUID in the URL as generic', () => {
    expect(urlHints(`https://crm.example/tickets/${A}/edit?user=${B}`)).toEqual([
      { id: A, source: 'url', host: 'crm.example' },
      { id: B, source: 'url', host: 'crm.example' },
    ]);
  });
  it('reads relative and broken URLs without throwing', () => {
    expect(urlHints(`/directory/#/engage/admin/interactions/${A}`)[0]).toMatchObject({
      id: A,
      source: 'url-path',
    });
    expect(urlHints('http://[::1')).toEqual([]);
    expect(urlHints(`%E0%A4%A/conversations/${A}`)[0]).toMatchObject({ id: A, source: 'url-path' });
  });
});

describe('regionOf and detect() on every Genesys region', () => {
  const envs = getEnvironments();
  it('has the regions Genesys publishes', () => {
    expect(envs.map((e) => e.publicDomainName)).toEqual(
      expect.arrayContaining([
        'mypurecloud.com',
        'mypurecloud.ie',
        'usw2.pure.cloud',
        'use2.us-gov-pure.cloud',
      ]),
    );
  });
  it.each(envs.map((e) => e.publicDomainName))(
    'recognises an interaction page on apps.%s',
    (domain) => {
      const url = `https://apps.${domain}/directory/#/engage/admin/interactions/${A}`;
      expect(regionOf(url)).toBe(domain);
      expect(detect({ url })).toEqual({
        ids: [{ id: A, source: 'genesys-url', rank: RANK.explicit, where: 'interactions' }],
        region: domain,
      });
    },
  );
  it('does not take a look-alike host for Genesys', () => {
    expect(regionOf('https://apps.mypurecloud.com.evil.example/')).toBeUndefined();
    expect(regionOf('https://notmypurecloud.com/')).toBeUndefined();
    const r = detect({ url: `https://apps.mypurecloud.com.evil.example/#/interaction/${A}` });
    expect(r.region).toBeUndefined();
    expect(r.ids[0]).toMatchObject({ id: A, source: 'url-path', rank: RANK.explicit });
  });
});

describe('detect()', () => {
  it('ranks the right-clicked link and the selection first', () => {
    const r = detect({
      url: `https://apps.mypurecloud.ie/directory/#/engage/admin/interactions/${A}`,
      context: {
        linkUrl: `https://apps.mypurecloud.com/directory/#/engage/admin/interactions/${B}`,
        selectionText: `Conversation ${C}`,
      },
    });
    expect(r.ids).toEqual([
      { id: B, source: 'link', rank: RANK.context, where: 'interactions' },
      { id: C, source: 'selection', rank: RANK.context },
      { id: A, source: 'genesys-url', rank: RANK.explicit, where: 'interactions' },
    ]);
    expect(r.region).toBe('mypurecloud.ie');
  });

  it('orders explicit > URL-generic > text > hidden and keeps each id once at its best', () => {
    const r = detect({
      url: `https://crm.example/records/${A}?conversationId=${B}`,
      page: {
        truncated: false,
        hints: [
          { id: C, source: 'text' },
          { id: A, source: 'text' },
          {
            id: 'd0d0d0d0-1111-4222-8333-444455556666',
            source: 'attribute',
            where: 'data-conversation-id',
            hidden: true,
          },
          { id: B, source: 'label', where: 'Conversation ID' },
        ],
      },
    });
    expect(r.ids.map((x) => [x.id, x.source, x.rank])).toEqual([
      [B, 'url-param', RANK.explicit],
      [A, 'url', RANK.url],
      [C, 'text', RANK.text],
      ['d0d0d0d0-1111-4222-8333-444455556666', 'attribute', RANK.hidden],
    ]);
    expect(r.region).toBeUndefined();
  });

  it('takes the region from a Genesys interaction link found on a CRM page', () => {
    const r = detect({
      url: 'https://acme.lightning.force.com/lightning/r/Case/500xx000001/view',
      page: {
        truncated: false,
        hints: [{ id: A, source: 'url-path', where: 'href', host: 'apps.mypurecloud.com' }],
      },
    });
    expect(r).toEqual({
      ids: [{ id: A, source: 'genesys-url', rank: RANK.explicit, where: 'href' }],
      region: 'mypurecloud.com',
    });
  });

  it('re-validates what the content script sent and never lets it claim the context', () => {
    const r = detect({
      page: {
        truncated: false,
        hints: [
          { id: 'not-a-uuid', source: 'attribute' },
          { id: A, source: 'link' },
          { id: B, source: 'bogus' as 'text' },
          {
            id: C.toUpperCase(),
            source: 'label',
            where: `<img src=x onerror=alert(1)>${'y'.repeat(500)}`,
          },
          null as unknown as { id: string; source: 'text' },
        ],
      },
    });
    expect(r.ids).toHaveLength(1);
    expect(r.ids[0]).toMatchObject({ id: C, source: 'label' });
    expect(r.ids[0]?.where?.length).toBeLessThanOrEqual(40);
    expect(detect({ page: 'garbage' as never }).ids).toEqual([]);
    expect(detect({ page: { hints: 'x' } as never }).ids).toEqual([]);
    expect(detect({}).ids).toEqual([]);
  });

  it('runs no rule regex in the worker: the page URL gets the built-in detection only', () => {
    // Rules (admin-written regexes) run in the page (collectPageHints); an input that still
    // carries them, from an older caller, is ignored here.
    const r = detect({
      url: `https://helpdesk.example/t/99?gc=${A}`,
      rules: [{ kind: 'regex', value: 'gc=([0-9a-f-]{36})' }],
    } as Parameters<typeof detect>[0]);
    expect(r.ids).toEqual([{ id: A, source: 'url', rank: RANK.url }]);
  });

  it('caps the list', () => {
    const hints = Array.from({ length: 100 }, (_, i) => ({
      id: `${i.toString(16).padStart(8, '0')}-1111-4222-8333-444455556666`,
      source: 'text' as const,
    }));
    expect(detect({ page: { hints, truncated: true } }).ids).toHaveLength(LIMITS.maxResults);
    expect(rankHints([hints], 5)).toHaveLength(5);
  });
});

describe('rules', () => {
  it('accepts a regex with one capture group and a selector', () => {
    expect(validateRule({ kind: 'regex', value: 'Conv: ([0-9a-f-]{36})' })).toBeUndefined();
    expect(validateRule({ kind: 'regex', value: '(?:id|ref)=(?<id>[^&]+)' })).toBeUndefined();
    expect(
      validateRule({ kind: 'selector', value: '#case > .conv-id, [data-x="a b"]' }),
    ).toBeUndefined();
  });
  it('explains what is wrong with a rule, as a _locales key', () => {
    expect(validateRule(null)).toBe('detect_rule_invalid');
    expect(validateRule({ kind: 'xpath', value: '//a' })).toBe('detect_rule_invalid');
    expect(validateRule({ kind: 'regex', value: 3 })).toBe('detect_rule_invalid');
    expect(validateRule({ kind: 'regex', value: '  ' })).toBe('detect_rule_empty');
    expect(validateRule({ kind: 'regex', value: `(${'a'.repeat(600)})` })).toBe(
      'detect_rule_too_long',
    );
    expect(validateRule({ kind: 'regex', value: '([a-f' })).toBe('detect_rule_regex_invalid');
    expect(validateRule({ kind: 'regex', value: 'conv=[0-9a-f-]{36}' })).toBe(
      'detect_rule_regex_groups',
    );
    expect(validateRule({ kind: 'regex', value: '(a)(b)' })).toBe('detect_rule_regex_groups');
    expect(validateRule({ kind: 'regex', value: '((?:a+)+)' })).toBe('detect_rule_regex_unsafe');
    expect(validateRule({ kind: 'selector', value: 'div[' })).toBe('detect_rule_selector_invalid');
    expect(validateRule({ kind: 'selector', value: 'a { color: red }' })).toBe(
      'detect_rule_selector_invalid',
    );
  });
  it('uses a DOM to check a selector when one is given', () => {
    const dom = {
      createDocumentFragment: () => ({
        querySelector: (s: string) => {
          if (s.includes(':::')) throw new SyntaxError('bad');
          return null;
        },
      }),
    };
    expect(validateRule({ kind: 'selector', value: 'a:::b' }, dom)).toBe(
      'detect_rule_selector_invalid',
    );
    expect(validateRule({ kind: 'selector', value: 'a:hover' }, dom)).toBeUndefined();
  });
  it('spots nested quantifiers', () => {
    expect(hasNestedQuantifier('(a+)+')).toBe(true);
    expect(hasNestedQuantifier('(\\w*x)*')).toBe(true);
    expect(hasNestedQuantifier('((ab)+c)*')).toBe(true);
    expect(hasNestedQuantifier('(a|aa)*c')).toBe(true);
    expect(hasNestedQuantifier('(?:id|ref)=([0-9a-f-]{36})')).toBe(false);
    expect(hasNestedQuantifier('([a+]+)')).toBe(false);
    expect(hasNestedQuantifier('(a+)?b')).toBe(false);
    expect(hasNestedQuantifier('id=(\\d+)')).toBe(false);
    expect(hasNestedQuantifier('\\(a+\\)+')).toBe(false);
  });
  it('compiles only valid rules and never throws on junk', () => {
    const compiled = compileRules([
      { kind: 'regex', value: 'x=(\\S+)' },
      { kind: 'selector', value: '.conv' },
      { kind: 'regex', value: '[' },
      'nonsense',
      null,
    ]);
    expect(compiled.regexes.map((r) => r.n)).toEqual([1]);
    expect(compiled.selectors).toEqual([{ selector: '.conv', n: 2 }]);
    expect(compileRules('x' as never)).toEqual({ regexes: [], selectors: [] });
  });
  it('takes ids from the capture group, bounded, skipping empty matches', () => {
    const text = `a ${A}; ref=${B}, ref=nope ref=${C}`;
    expect(regexIds(/ref=(\S+)/, text)).toEqual([B, C]);
    expect(regexIds(/ref=(\S+)/, text, 1)).toEqual([B]);
    expect(regexIds(/(x*)/, 'yyyy')).toEqual([]);
  });
});
