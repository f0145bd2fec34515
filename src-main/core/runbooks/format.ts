/**
 * The shared runbook file (YAML or JSON): `runbooks: [{ service, url?, steps: [...] }]`. Parsing
 * validates it with zod and names the line of the first problem, e.g.
 * `runbooks.yaml line 7: steps must be a list of strings`.
 */
import { LineCounter, parseDocument, type Node as YamlNode } from 'yaml';
import { z } from 'zod';
import { jsonSyntaxError, lineOf } from './json-syntax.js';

/** File formats understood. */
export type RunbookFormat = 'yaml' | 'json';

/** One runbook as a team file declares it. */
export interface FileRunbook {
  /** A PagerDuty service id or its name (matched case-insensitively). */
  service: string;
  url: string | null;
  steps: string[];
}

/** A parse outcome: the runbooks, or one error naming the line. */
export type RunbookParseResult = { ok: true; runbooks: FileRunbook[] } | { ok: false; error: string };

/** Limits of the file. */
export const RUNBOOK_LIMITS = { maxRunbooks: 1000, maxSteps: 100, maxStepLength: 500, maxBytes: 1_000_000 };

const isHttps = (u: string) => {
  try {
    return new URL(u).protocol === 'https:';
  } catch {
    return false;
  }
};

const entrySchema = z.strictObject(
  {
    service: z
      .string({ error: 'service must be a service id or name' })
      .trim()
      .min(1, 'service must be a service id or name'),
    url: z
      .string({ error: 'url must be an https: link' })
      .refine(isHttps, 'url must be an https: link')
      .nullable()
      .optional(),
    steps: z
      .array(
        z
          .string({ error: 'steps must be a list of strings' })
          .trim()
          .min(1, 'a step must not be empty')
          .max(
            RUNBOOK_LIMITS.maxStepLength,
            `a step must be at most ${RUNBOOK_LIMITS.maxStepLength} characters`,
          ),
        { error: 'steps must be a list of strings' },
      )
      .max(RUNBOOK_LIMITS.maxSteps, `at most ${RUNBOOK_LIMITS.maxSteps} steps per runbook`)
      .default([]),
  },
  { error: 'each runbook must be a mapping with service, url and steps' },
);

const fileSchema = z.object(
  {
    runbooks: z
      .array(entrySchema, {
        error: (iss) =>
          iss.input === undefined ? 'the file must hold a "runbooks" list' : 'runbooks must be a list',
      })
      .max(RUNBOOK_LIMITS.maxRunbooks, `at most ${RUNBOOK_LIMITS.maxRunbooks} runbooks`),
  },
  { error: 'the file must hold a "runbooks" list' },
);

/** Parses and validates a runbook file; `name` prefixes errors (e.g. the file's base name). */
export function parseRunbookFile(
  text: string,
  format: RunbookFormat,
  name = `runbooks.${format}`,
): RunbookParseResult {
  const err = (line: number, message: string): RunbookParseResult => ({
    ok: false,
    error: `${name} line ${line}: ${message}`,
  });
  if (text.length > RUNBOOK_LIMITS.maxBytes) return err(1, 'the file is too large (over 1 MB)');

  const lineCounter = new LineCounter();
  let value: unknown;
  let doc: ReturnType<typeof parseDocument> | null = null;
  if (format === 'json') {
    // The tokenizer (for the line of a syntax error) and the YAML document (for the line of a schema
    // error) are only needed when something is wrong: a valid file is parsed once.
    try {
      value = JSON.parse(text);
    } catch {
      const syntax = jsonSyntaxError(text);
      return err(lineOf(text, syntax?.offset ?? 0), `invalid JSON: ${syntax?.message ?? 'not valid JSON'}`);
    }
  } else {
    const d = parseDocument(text, { lineCounter, prettyErrors: true });
    const first = d.errors[0];
    if (first) {
      const line = first.linePos?.[0]?.line ?? lineCounter.linePos(first.pos[0]).line;
      return err(
        line,
        `invalid YAML: ${first.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '')}`,
      );
    }
    value = d.toJS({ maxAliasCount: 100 });
    doc = d;
  }

  const res = fileSchema.safeParse(value);
  if (res.success) {
    return {
      ok: true,
      runbooks: res.data.runbooks.map((r) => ({ service: r.service, url: r.url ?? null, steps: r.steps })),
    };
  }
  if (format === 'json') {
    const d = parseDocument(text, { lineCounter, uniqueKeys: false });
    if (!d.errors.length) doc = d;
  }
  const issue = res.error.issues[0];
  const path = (issue?.path ?? []).filter((p): p is string | number => typeof p !== 'symbol');
  let message = issue?.message ?? 'invalid runbook file';
  if (issue?.code === 'unrecognized_keys') {
    const key = issue.keys[0] ?? '';
    message = `unknown field "${key}" (use service, url, steps)`;
    path.push(key);
  }
  return err(lineAt(doc, lineCounter, path, text), message);
}

/** Line of the deepest node on `path` that exists (1 when none is found). */
function lineAt(
  doc: ReturnType<typeof parseDocument> | null,
  lc: LineCounter,
  path: Array<string | number>,
  text: string,
): number {
  if (!doc) return 1;
  for (let n = path.length; n >= 0; n--) {
    const node = (n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true)) as YamlNode | null | undefined;
    const start = node && typeof node === 'object' && 'range' in node ? node.range?.[0] : undefined;
    if (typeof start === 'number') {
      // A key's value node can start on the key's line; prefer its own line.
      return Math.min(lc.linePos(start).line, lineOf(text, start));
    }
  }
  return 1;
}

/** The format of a source from its name: `.json` is JSON, anything else YAML. */
export function formatOf(source: string): RunbookFormat {
  const path = source.split(/[?#]/)[0] ?? source;
  return /\.json$/i.test(path) ? 'json' : 'yaml';
}

/** A short name for a source in errors: the last path segment of a path or URL. */
export function nameOf(source: string): string {
  const path = source.split(/[?#]/)[0] ?? source;
  const last = path.split(/[\\/]/).filter(Boolean).pop();
  return last && last.length <= 80 ? last : 'runbook file';
}
