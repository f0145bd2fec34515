/**
 * Keeps secrets (the PagerDuty token) out of any text that may leave the client: error messages,
 * causes, log lines. Every variant a server or library might echo back is removed: the raw token,
 * its URL-encoded and its JSON-escaped forms.
 */
import type { Logger } from '../ports.js';

/** What a secret is replaced with. */
export const REDACTED = '[REDACTED]';

/**
 * Secrets at least this long are removed wherever they appear. Shorter ones (the simulator accepts any
 * token, e.g. `x`) are removed only where they stand alone, or every "x" of every message would go.
 */
export const MIN_ANYWHERE_SECRET_LENGTH = 8;

/** Characters that may be part of a token; a short secret must not touch them to count as one. */
const TOKEN_CHAR = 'A-Za-z0-9_+\\-';

/** Every form in which a secret may appear in text, longest first, empty ones dropped. */
function variants(secrets: readonly string[]): string[] {
  const all = new Set<string>();
  for (const secret of secrets) {
    if (!secret) continue;
    all.add(secret);
    all.add(encodeURIComponent(secret));
    all.add(JSON.stringify(secret).slice(1, -1));
  }
  return [...all].filter((v) => v.length > 0).sort((a, b) => b.length - a.length);
}

/** A global regex matching a short secret where it stands alone. */
function standalone(form: string): RegExp {
  const escaped = form.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![${TOKEN_CHAR}])${escaped}(?![${TOKEN_CHAR}])`, 'g');
}

/** Text with every occurrence of each secret (raw, URL-encoded or JSON-escaped) replaced. */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  const forms = variants(secrets);
  if (forms.length === 0) return text;
  const long = forms.filter((f) => f.length >= MIN_ANYWHERE_SECRET_LENGTH);
  const short = forms.filter((f) => f.length < MIN_ANYWHERE_SECRET_LENGTH);
  let out = text;
  for (const form of long) out = out.split(form).join(REDACTED);
  for (const form of short) out = out.replace(standalone(form), REDACTED);
  // The marker itself could contain (or, glued to neighbours, form) a long secret: remove until none
  // is left. Each pass shortens the text, so this ends.
  while (long.some((f) => out.includes(f))) {
    for (const form of long) out = out.split(form).join('');
  }
  return out;
}

/** True when the text contains any form of any secret (short ones only where they stand alone). */
export function containsSecret(text: string, secrets: readonly string[]): boolean {
  return variants(secrets).some((f) =>
    f.length >= MIN_ANYWHERE_SECRET_LENGTH ? text.includes(f) : standalone(f).test(text),
  );
}

/** Deep copy of a JSON-like value with secrets redacted from every string. */
export function redactValue(value: unknown, secrets: readonly string[], depth = 0): unknown {
  if (typeof value === 'string') return redactSecrets(value, secrets);
  if (depth > 8 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) {
    return { name: value.name, message: redactSecrets(value.message, secrets) };
  }
  if (Array.isArray(value)) return value.map((v) => redactValue(v, secrets, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    out[redactSecrets(k, secrets)] = redactValue(v, secrets, depth + 1);
  }
  return out;
}

/** A logger that redacts secrets from every message and field before passing them on. */
export function redactingLogger(logger: Logger, secrets: readonly string[]): Logger {
  const wrap =
    (level: keyof Logger) =>
    (msg: string, fields?: Record<string, unknown>): void => {
      const safeFields =
        fields === undefined ? undefined : (redactValue(fields, secrets) as Record<string, unknown>);
      logger[level](redactSecrets(msg, secrets), safeFields);
    };
  return { debug: wrap('debug'), info: wrap('info'), warn: wrap('warn'), error: wrap('error') };
}
