/**
 * The shared runbook file (YAML or JSON): `runbooks: [{ service, url?, steps: [...] }]`. Parsing
 * validates it with zod and names the line of the first problem, e.g.
 * `runbooks.yaml line 7: steps must be a list of strings`.
 */
import { z } from 'zod';
import { parseLineFile, type LineFileFormat } from './line-file.js';

/** File formats understood. */
export type RunbookFormat = LineFileFormat;

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
  const res = parseLineFile(text, format, name, fileSchema, {
    maxBytes: RUNBOOK_LIMITS.maxBytes,
    fallback: 'invalid runbook file',
    unknownField: (key) => `unknown field "${key}" (use service, url, steps)`,
  });
  if (!res.ok) return res;
  return {
    ok: true,
    runbooks: res.value.runbooks.map((r) => ({ service: r.service, url: r.url ?? null, steps: r.steps })),
  };
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
