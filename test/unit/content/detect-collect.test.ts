// @vitest-environment happy-dom
// The content-script collector on realistic pages (test/fixtures/pages) and on hostile ones
// generated here, followed by detect() as the background runs it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectPageHints } from '../../../src/content/collect';
import { detect, LIMITS, type PageHints, RANK } from '../../../src/shared/detect/index';
import type { DetectionRule } from '../../../src/shared/settings';

function setUrl(url: string): void {
  (window as unknown as { happyDOM: { setURL(u: string): void } }).happyDOM.setURL(url);
}

/** Replace the test document with `html` (scripts are not run: innerHTML never runs them). */
function loadHtml(html: string, url: string): void {
  setUrl(url);
  // happy-dom would try (and fail, noisily) to load an <iframe src>; an empty srcdoc takes
  // precedence. The src stays in the DOM, so the tests still show it is not read.
  const parsed = new DOMParser().parseFromString(
    html.replace(/<iframe\b/g, '<iframe srcdoc=""'),
    'text/html',
  );
  const root = document.documentElement;
  for (const a of Array.from(root.attributes)) root.removeAttribute(a.name);
  for (const a of Array.from(parsed.documentElement.attributes)) root.setAttribute(a.name, a.value);
  root.innerHTML = parsed.documentElement.innerHTML;
}

/** Hostile pages: one parse straight into the body (happy-dom parses large strings slowly). */
function loadBody(html: string): void {
  setUrl('https://x.example/');
  document.head.innerHTML = '';
  document.body.innerHTML = html;
}

function loadFixture(name: string, url: string): void {
  loadHtml(
    readFileSync(join(import.meta.dirname, `../../fixtures/pages/${name}.html`), 'utf8'),
    url,
  );
}

function run(rules: DetectionRule[] = []): { page: PageHints; ids: [string, string, number][] } {
  const page = collectPageHints(document, rules);
  // Through a structured clone, as it crosses from the content script to the extension.
  const result = detect({ url: location.href, page: structuredClone(page) });
  return { page, ids: result.ids.map((r) => [r.id, r.source, r.rank]) };
}

describe('collector on realistic pages', () => {
  it('Genesys Cloud interaction page: the id in the URL first, with the region', () => {
    const url =
      'https://apps.mypurecloud.ie/directory/#/engage/admin/interactions/7c9a2f1e-4b3d-4e8a-9f21-6d5c3b2a1e0f';
    loadFixture('genesys-interaction', url);
    const page = collectPageHints(document);
    const r = detect({ url, page });
    expect(r.region).toBe('mypurecloud.ie');
    expect(r.ids.map((x) => [x.id, x.source, x.rank])).toEqual([
      ['7c9a2f1e-4b3d-4e8a-9f21-6d5c3b2a1e0f', 'genesys-url', RANK.explicit],
      // participant ids are UUIDs in a table, not labelled as conversations
      ['5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d', 'text', RANK.text],
      ['6b5c4d3e-2f1a-4b0c-9d8e-7f6a5b4c3d2e', 'text', RANK.text],
    ]);
    // The page itself labels the same id; scripts, meta, templates and user/queue links are not read.
    expect(page.hints[0]).toMatchObject({
      id: '7c9a2f1e-4b3d-4e8a-9f21-6d5c3b2a1e0f',
      source: 'label',
      where: 'Conversation ID',
    });
    expect(page.hints.map((h) => h.id)).not.toContain('11111111-2222-4333-8444-555566667777');
    expect(page.hints.map((h) => h.id)).not.toContain('0f1e2d3c-4b5a-4697-8877-66554433aa11');
  });

  it('CRM with the Embeddable Framework: Interaction.Url and the related interactions', () => {
    loadFixture(
      'crm-softphone',
      'https://acme.lightning.force.com/lightning/r/Case/500Hs00001XyZabIAF/view',
    );
    const page = collectPageHints(document);
    const r = detect({ url: location.href, page });
    expect(r.region).toBe('mypurecloud.com');
    expect(r.ids.map((x) => [x.id, x.source, x.rank])).toEqual([
      ['e4b1c2d3-5f6a-4b7c-8d9e-0a1b2c3d4e5f', 'genesys-url', RANK.explicit],
      ['a9d8c7b6-5e4f-4a3b-9c2d-1e0f9a8b7c6d', 'genesys-url', RANK.explicit],
      ['b8c7d6e5-4f3a-4b2c-8d1e-0f9a8b7c6d5e', 'genesys-url', RANK.explicit],
    ]);
    // Not the softphone iframe's src, not the Aura script, not the related list's data-key.
    expect(page.hints).toHaveLength(3);
  });

  it('in-house workbench: data attributes, several conversations, hidden ones last', () => {
    loadFixture('inhouse-workbench', 'https://workbench.acme.internal/agent/session?tab=chat');
    const { page, ids } = run();
    expect(ids).toEqual([
      ['2d4f6a8c-1b3e-4d5f-a7b9-c1d3e5f7a9b2', 'attribute', RANK.explicit],
      ['3e5a7b9d-2c4f-4e6a-b8c0-d2e4f6a8b0c3', 'attribute', RANK.explicit],
      ['4f6b8c0e-3d5a-4f7b-c9d1-e3f5a7b9c1d4', 'attribute', RANK.explicit],
      ['5a7c9d1f-4e6b-4a8c-8d0e-f4a6b8c0d2e5', 'attribute', RANK.hidden],
      ['6b8d0e2a-5f7c-4b9d-9e1f-a5b7c9d1e3f6', 'attribute', RANK.hidden],
    ]);
    expect(page.hints[0]?.where).toBe('data-conversation-id');
    expect(page.truncated).toBe(false);
  });

  it('in-house console: labels as dt/dd, label for, column header, row header, inline, aria-label', () => {
    loadFixture('inhouse-console', 'https://console.acme.internal/queues/billing');
    const page = collectPageHints(document);
    const r = detect({ url: location.href, page });
    expect(r.ids.map((x) => [x.id, x.source, x.where])).toEqual([
      ['8a1b2c3d-4e5f-4a6b-9c7d-8e9f0a1b2c3d', 'label', 'Conversation ID'],
      ['0c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f', 'label', 'Interaction ID'],
      ['1d4e5f6a-7b8c-4d9e-8f0a-2b3c4d5e6f7a', 'label', 'Conversation ID'],
      ['2e5f6a7b-8c9d-4e0f-9a1b-3c4d5e6f7a8b', 'url-path', 'href'],
      ['3f6a7b8c-9d0e-4f1a-8b2c-4d5e6f7a8b9c', 'label', 'Interaction'],
      ['4a7b8c9d-0e1f-4a2b-9c3d-5e6f7a8b9c0d', 'label', 'Interaction ID'],
      ['5b8c9d0e-1f2a-4b3c-8d4e-6f7a8b9c0d1e', 'label', 'Conv. ID'],
      ['6c9d0e1f-2a3b-4c4d-9e5f-7a8b9c0d1e2f', 'label', 'Conversation ID'],
      // UUIDs labelled as something else, or not labelled, come after every labelled one
      ['9b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e', 'text', undefined],
      ['aa00aa00-bb11-4c22-8d33-ee44ee44ee44', 'text', undefined],
      ['0e1f2a3b-4c5d-4e6f-9a7b-9c0d1e2f3a4b', 'text', undefined],
    ]);
    // The display:none "Conversation ID:" text is not something the page shows.
    expect(page.hints.map((h) => h.id)).not.toContain('7d0e1f2a-3b4c-4d5e-8f6a-8b9c0d1e2f3a');
  });

  it('a page with no conversation id finds nothing', () => {
    loadFixture('no-ids', 'https://shop.example/orders/4471');
    const { page, ids } = run();
    expect(page).toEqual({ hints: [], truncated: false });
    expect(ids).toEqual([]);
  });

  it('reads the live value of an input, not only its attribute', () => {
    loadHtml('<label>Conversation ID <input id="c"></label>', 'https://tool.example/');
    (document.getElementById('c') as HTMLInputElement).value =
      '1a2b3c4d-0000-4111-8222-333344445555';
    expect(collectPageHints(document).hints).toEqual([
      { id: '1a2b3c4d-0000-4111-8222-333344445555', source: 'label', where: 'Conversation ID' },
    ]);
  });

  it('walks open shadow roots', () => {
    loadHtml('<div id="host"></div>', 'https://tool.example/');
    const shadow = (document.getElementById('host') as HTMLElement).attachShadow({ mode: 'open' });
    shadow.innerHTML =
      '<span>before</span><p data-interaction-id="2b3c4d5e-0000-4111-8222-333344445555"></p>';
    expect(collectPageHints(document).hints).toEqual([
      {
        id: '2b3c4d5e-0000-4111-8222-333344445555',
        source: 'attribute',
        where: 'data-interaction-id',
      },
    ]);
  });
});

describe('extra rules', () => {
  const REF = '3c4d5e6f-0000-4111-8222-333344445555';
  const CSS = '4d5e6f7a-0000-4111-8222-333344445555';
  const VAL = '5e6f7a8b-0000-4111-8222-333344445555';

  it('lift ids a regex or a selector points at above plain text, and bad rules are skipped', () => {
    loadHtml(
      `<p>Ticket ref GC/${REF}</p><div class="x-ref"><em>${CSS}</em></div>
       <input class="x-val" value="${VAL}"><p>${'9'.repeat(8)}-0000-4111-8222-333344445555</p>`,
      'https://tool.example/',
    );
    const rules: DetectionRule[] = [
      { kind: 'regex', value: 'GC/([0-9a-f-]{36})' },
      { kind: 'selector', value: '.x-ref' },
      { kind: 'selector', value: 'input.x-val' },
      { kind: 'selector', value: 'div[' },
      { kind: 'regex', value: '(a+)+$' },
    ];
    const { ids } = run(rules);
    // Each keeps its first-seen (DOM) position; the rule lifts its rank.
    expect(ids).toEqual([
      [REF, 'rule', RANK.explicit],
      [CSS, 'rule', RANK.explicit],
      [VAL, 'rule', RANK.explicit],
      ['99999999-0000-4111-8222-333344445555', 'text', RANK.text],
    ]);
  });

  it('never throws on rules that are not rules', () => {
    loadHtml('<p>x</p>', 'https://tool.example/');
    const junk = [null, 'x', { kind: 'selector', value: ':::' }, { kind: 'regex' }] as never;
    expect(collectPageHints(document, junk)).toEqual({ hints: [], truncated: false });
  });
});

/** A UUID from a number, so hostile pages can have thousands of distinct ones. */
function uuidOf(n: number): string {
  return `${n.toString(16).padStart(8, '0')}-aaaa-4bbb-8ccc-dddddddddddd`;
}

/**
 * A document whose elements exist only when read: `rows` row elements of `perRow` cells each
 * under <body>, the very first cell carrying a conversation id. Counts the elements the
 * collector made it create, which is the work it did. Implements just what a walk reads.
 */
function virtualDom(rows: number, perRow: number): { document: Document; touched(): number } {
  let touched = 0;
  const collection = (length: number, make: (i: number) => object) =>
    new Proxy(
      { length },
      {
        get: (target, key) => {
          if (key === 'length') return target.length;
          const i = typeof key === 'string' ? Number(key) : Number.NaN;
          return Number.isInteger(i) && i >= 0 && i < length ? make(i) : undefined;
        },
      },
    );
  const element = (localName: string, kids: object, attrs: Record<string, string> = {}) => {
    touched++;
    const attributes = Object.entries(attrs).map(([name, value]) => ({ name, value }));
    return {
      nodeType: 1,
      localName,
      attributes,
      children: kids,
      childNodes: { length: 0 },
      shadowRoot: null,
      style: { display: '' },
      hasAttribute: (n: string) => n in attrs,
      getAttribute: (n: string) => attrs[n] ?? null,
    };
  };
  const none = collection(0, () => ({}));
  const cell = (r: number, c: number) =>
    element('i', none, r === 0 && c === 0 ? { 'data-conversation-id': uuidOf(0) } : {});
  const row = (r: number) =>
    element(
      'div',
      collection(perRow, (c) => cell(r, c)),
    );
  const body = element('body', collection(rows, row));
  const html = element(
    'html',
    collection(1, () => body),
  );
  touched = 0;
  return {
    document: {
      documentElement: html,
      querySelectorAll: () => [],
      getElementById: () => null,
    } as unknown as Document,
    touched: () => touched,
  };
}

describe('collector on hostile pages', () => {
  const WANTED = 'f00df00d-1234-4abc-8def-0123456789ab';

  it('thousands of UUIDs in text: keeps a bounded few and still finds the labelled one', () => {
    const noise = Array.from({ length: 2_000 }, (_, i) => `<p>${uuidOf(i)}</p>`).join('');
    loadHtml(
      `<div>${noise}</div><div data-conversation-id="${WANTED}"></div>`,
      'https://x.example/',
    );
    const page = collectPageHints(document);
    expect(page.truncated).toBe(true);
    expect(page.hints.filter((h) => h.source === 'text')).toHaveLength(LIMITS.maxTextCandidates);
    expect(detect({ page }).ids[0]).toMatchObject({ id: WANTED, source: 'attribute' });
    expect(detect({ page }).ids).toHaveLength(LIMITS.maxResults);
  });

  it('thousands of UUIDs in one attribute or one text: bounded per value', () => {
    const many = Array.from({ length: 2_000 }, (_, i) => uuidOf(i)).join(' ');
    loadHtml(`<div data-conversation-id="${many}">${many}</div>`, 'https://x.example/');
    const page = collectPageHints(document);
    expect(page.truncated).toBe(true);
    expect(page.hints.filter((h) => h.source === 'attribute').length).toBeLessThanOrEqual(10);
    expect(page.hints.length).toBeLessThanOrEqual(LIMITS.maxCandidates);
  });

  it('a DOM larger than maxNodes: stops there and says so', () => {
    const early = 'e0e0e0e0-1234-4abc-8def-0123456789ab';
    const rows = `<div>${'<i></i>'.repeat(99)}</div>`.repeat(250);
    loadBody(
      `<p data-conversation-id="${early}"></p><div>${rows}</div><p data-conversation-id="${WANTED}"></p>`,
    );
    expect(document.body.getElementsByTagName('*').length).toBeGreaterThan(LIMITS.maxNodes);
    const page = collectPageHints(document);
    expect(page.truncated).toBe(true);
    expect(page.hints.map((h) => h.id)).toEqual([early]);
    // With a budget large enough for the page, the last element is reached: the bound is what stopped it.
    const all = collectPageHints(document, [], {}, { ...LIMITS, maxNodes: 50_000 });
    expect(all.truncated).toBe(false);
    expect(all.hints.map((h) => h.id)).toEqual([early, WANTED]);
  }, 60_000);

  it.each([
    ['1,000,000 nested in rows of 1,000', 1_000, 1_000],
    ['100,000 siblings under one parent', 1, 100_000],
  ])('a giant DOM (%s, generated lazily): touches at most maxNodes elements', (_, rows, perRow) => {
    const dom = virtualDom(rows, perRow);
    const page = collectPageHints(dom.document);
    expect(page.truncated).toBe(true);
    expect(page.hints.map((h) => h.id)).toEqual([uuidOf(0)]);
    expect(dom.touched()).toBeLessThanOrEqual(LIMITS.maxNodes);
  });

  it('megabyte text nodes and attribute values: only the first maxCharsPerValue characters are read', () => {
    const mega = 'x '.repeat(500_000);
    loadHtml(
      `<p>${mega}Conversation ID: ${uuidOf(1)}</p><p title="${mega}Conversation ID: ${uuidOf(2)}"></p>` +
        `<p>Conversation ID: ${WANTED} ${mega}</p>`,
      'https://x.example/',
    );
    const page = collectPageHints(document);
    expect(page.truncated).toBe(true);
    expect(page.hints).toEqual([{ id: WANTED, source: 'label', where: 'Conversation ID' }]);
  });

  it('the total character budget ends the walk', () => {
    const block = `<p>${'y'.repeat(3_000)} Conversation ID: ${uuidOf(7)}</p>`;
    loadHtml(`${block.repeat(20)}<p>Conversation ID: ${WANTED}</p>`, 'https://x.example/');
    const small = collectPageHints(document, [], {}, { ...LIMITS, maxTotalChars: 10_000 });
    expect(small.truncated).toBe(true);
    expect(small.hints.map((h) => h.id)).not.toContain(WANTED);
    expect(collectPageHints(document).hints.map((h) => h.id)).toContain(WANTED);
  });

  it('ids in scripts, styles, templates and hidden elements: ignored, or ranked last', () => {
    loadHtml(
      `<script>var conversationId="${uuidOf(1)}"</script>
       <style>/* ${uuidOf(2)} */</style>
       <template><p data-conversation-id="${uuidOf(3)}"></p></template>
       <div hidden><p data-conversation-id="${uuidOf(4)}">Conversation ID: ${uuidOf(5)}</p></div>
       <div aria-hidden="true">${uuidOf(6)}</div>
       <div style="display: none"><span data-interaction-id="${uuidOf(8)}"></span></div>
       <p>Conversation ID: ${WANTED}</p>`,
      'https://x.example/',
    );
    const { ids } = run();
    expect(ids).toEqual([
      [WANTED, 'label', RANK.explicit],
      [uuidOf(4), 'attribute', RANK.hidden],
      [uuidOf(8), 'attribute', RANK.hidden],
    ]);
  });

  it('HTML and script in attributes and text stay inert strings; where is short', () => {
    const evil = '<img src=x onerror="alert(1)">';
    loadHtml(
      `<p title='${evil} Conversation ID: ${WANTED}'></p>
       <p data-conversation-id='${evil}'></p>
       <p data-conversation-id="${uuidOf(9)}&lt;script&gt;alert(1)&lt;/script&gt;"></p>
       <p><b>${evil.replace(/</g, '&lt;')} Conversation ID ${'z'.repeat(300)}</b> ${uuidOf(10)}</p>`,
      'https://x.example/',
    );
    const page = collectPageHints(document);
    expect(page.hints).toEqual([
      { id: WANTED, source: 'label', where: 'Conversation ID' },
      { id: uuidOf(9), source: 'attribute', where: 'data-conversation-id' },
      // The bold text is too long to be a label: plain text.
      { id: uuidOf(10), source: 'text' },
    ]);
    expect(document.querySelectorAll('img')).toHaveLength(0);
  });

  it('many shadow roots: walks at most maxShadowRoots', () => {
    loadHtml('<div id="hosts"></div>', 'https://x.example/');
    const hosts = document.getElementById('hosts') as HTMLElement;
    for (let i = 0; i < LIMITS.maxShadowRoots + 5; i++) {
      const el = document.createElement('div');
      hosts.append(el);
      el.attachShadow({ mode: 'open' }).innerHTML = `<b data-conversation-id="${uuidOf(i)}"></b>`;
    }
    const page = collectPageHints(document);
    expect(page.truncated).toBe(true);
    expect(page.hints).toHaveLength(LIMITS.maxShadowRoots);
  });
});
