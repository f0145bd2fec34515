import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatOf, nameOf, parseRunbookFile } from '../../../src-main/core/runbooks/format.js';
import { jsonSyntaxError, lineOf } from '../../../src-main/core/runbooks/json-syntax.js';

const good = `# Team runbooks
runbooks:
  - service: PABC123
    url: https://wiki.example.com/checkout
    steps:
      - Check the error dashboard
      - Roll back the last deploy
  - service: Search
    steps: restart it
`;

describe('parseRunbookFile (YAML)', () => {
  it('reads a valid file', () => {
    const res = parseRunbookFile(good.replace('steps: restart it', 'steps: [Restart it]'), 'yaml');
    expect(res).toEqual({
      ok: true,
      runbooks: [
        {
          service: 'PABC123',
          url: 'https://wiki.example.com/checkout',
          steps: ['Check the error dashboard', 'Roll back the last deploy'],
        },
        { service: 'Search', url: null, steps: ['Restart it'] },
      ],
    });
  });

  it.each([
    [good, 'runbooks.yaml line 9: steps must be a list of strings'],
    [good.replace('https://wiki', 'http://wiki'), 'runbooks.yaml line 4: url must be an https: link'],
    [
      good.replace('https://wiki.example.com/checkout', 'javascript:alert(1)'),
      'runbooks.yaml line 4: url must be an https: link',
    ],
    [
      good.replace('    url:', '    colour: red\n    url:'),
      'runbooks.yaml line 4: unknown field "colour" (use service, url, steps)',
    ],
    ['runbooks:\n  - url: https://a.example\n', 'runbooks.yaml line 2: service must be a service id or name'],
    [
      'runbooks:\n  - service: a\n    steps:\n      - ok\n      - 42\n',
      'runbooks.yaml line 5: steps must be a list of strings',
    ],
    ['runbooks: yes\n', 'runbooks.yaml line 1: runbooks must be a list'],
    ['services: []\n', 'runbooks.yaml line 1: the file must hold a "runbooks" list'],
  ])('names the line of a schema problem (%#)', (text, error) => {
    expect(parseRunbookFile(text, 'yaml')).toEqual({ ok: false, error });
  });

  it('names the line of a YAML syntax error', () => {
    const res = parseRunbookFile('runbooks:\n  - service: a\n    steps: [one, two\n', 'yaml', 'team.yml');
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.error).toMatch(/^team\.yml line \d: invalid YAML: /);
  });
});

describe('parseRunbookFile (JSON)', () => {
  it('reads valid JSON and names the line of a syntax or schema error', () => {
    expect(parseRunbookFile('{"runbooks":[{"service":"a","steps":["x"]}]}', 'json')).toEqual({
      ok: true,
      runbooks: [{ service: 'a', url: null, steps: ['x'] }],
    });
    expect(
      parseRunbookFile('{\n "runbooks": [\n  {"service": "a",\n   "steps": ["x",]\n  }]}', 'json'),
    ).toEqual({
      ok: false,
      error: 'runbooks.json line 4: invalid JSON: unexpected character',
    });
    expect(parseRunbookFile('{\n "runbooks": [\n  {"service": "a",\n   "steps": "x"\n  }]}', 'json')).toEqual(
      {
        ok: false,
        error: 'runbooks.json line 4: steps must be a list of strings',
      },
    );
  });

  it('agrees with JSON.parse on what is valid (fast-check)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.json(), fc.string()), (text) => {
        let valid = true;
        try {
          JSON.parse(text);
        } catch {
          valid = false;
        }
        const err = jsonSyntaxError(text);
        expect(err === null).toBe(valid);
        if (err) expect(err.offset).toBeLessThanOrEqual(text.length);
      }),
      { numRuns: 500 },
    );
  });

  it('counts lines from offsets', () => {
    expect(lineOf('a\nb\nc', 0)).toBe(1);
    expect(lineOf('a\nb\nc', 4)).toBe(3);
  });
});

describe('source names', () => {
  it('picks the format and the name from a path or URL', () => {
    expect(formatOf('/x/runbooks.JSON')).toBe('json');
    expect(formatOf('https://h.example/rb.yaml?token=1')).toBe('yaml');
    expect(nameOf('https://h.example/team/rb.json?x=1')).toBe('rb.json');
    expect(nameOf('C:\\team\\runbooks.yml')).toBe('runbooks.yml');
  });
});
