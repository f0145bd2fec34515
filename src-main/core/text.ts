/**
 * Untrusted text (server answers, incident fields, ids a user typed) on its way to a terminal, a log
 * line, a notification or a Markdown report: the characters that can rewrite a terminal (ESC, CSI in
 * C0 or C1 form, BEL), reorder a line (bidi overrides) or break one (line separators) are taken out.
 */

/** C0 controls, DEL, C1 controls, bidi marks/overrides/isolates, line and paragraph separators. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
export const UNSAFE_CHARS = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/;
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE_RUNS = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]+/g;
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE_ONE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g;

/** Every run of unsafe characters replaced by `by` (a space by default). */
export function stripControl(s: string, by = ' '): string {
  return s.replace(UNSAFE_RUNS, by);
}

/** Every unsafe character written as a visible `\uXXXX` escape (log lines keep the evidence). */
export function escapeControl(s: string): string {
  return s.replace(UNSAFE_ONE, (c) =>
    c === '\n' ? '\\n' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
