/**
 * A shared YAML or JSON file validated with zod, whose one error names the line, e.g.
 * `runbooks.yaml line 7: steps must be a list of strings` or `budget.yaml line 3: unknown field "x"`.
 * Used by the runbook file, the team budget file and the headless accounts file.
 */
import { LineCounter, parseDocument, type Node as YamlNode } from 'yaml';
import type { z } from 'zod';
import { jsonSyntaxError, lineOf } from './json-syntax.js';

/** File formats understood. */
export type LineFileFormat = 'yaml' | 'json';

/** How to word the errors. */
export interface LineFileOptions {
  maxBytes: number;
  /** Message when zod gives none. */
  fallback: string;
  /** Message for a field the schema does not know. */
  unknownField: (key: string, path: ReadonlyArray<string | number>) => string;
  /** A check beyond the schema (e.g. names used twice): the problem and where it is, or null. */
  check?: (value: unknown) => { path: Array<string | number>; message: string } | null;
}

/** Parses and validates a file; `name` prefixes errors (e.g. the file's base name). */
export function parseLineFile<S extends z.ZodType>(
  text: string,
  format: LineFileFormat,
  name: string,
  schema: S,
  o: LineFileOptions,
): { ok: true; value: z.output<S> } | { ok: false; error: string } {
  const err = (line: number, message: string) => ({
    ok: false as const,
    error: `${name} line ${line}: ${message}`,
  });
  if (text.length > o.maxBytes)
    return err(1, `the file is too large (over ${Math.round(o.maxBytes / 1e6)} MB)`);

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

  const res = schema.safeParse(value);
  const problem = res.success ? (o.check?.(res.data) ?? null) : null;
  if (res.success && !problem) return { ok: true, value: res.data };
  if (format === 'json') {
    const d = parseDocument(text, { lineCounter, uniqueKeys: false });
    if (!d.errors.length) doc = d;
  }
  const issue = res.success ? undefined : res.error.issues[0];
  const path = (problem?.path ?? issue?.path ?? []).filter(
    (p): p is string | number => typeof p !== 'symbol',
  );
  let message = problem?.message ?? issue?.message ?? o.fallback;
  if (issue?.code === 'unrecognized_keys') {
    const key = issue.keys[0] ?? '';
    message = o.unknownField(key, path);
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
