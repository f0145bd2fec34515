/**
 * Validates requests and responses against PagerDuty's published OpenAPI description
 * (`../shared/reference/pagerduty-openapi.json`, beside the clone) with ajv 8. The spec is patched in
 * memory for its known quirks (see pagerduty-api.md), each listed in QUIRKS below.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

/** Where the spec lives: `../shared/reference` beside the repository. */
export const OPENAPI_PATH =
  process.env.PAGERDUTY_OPENAPI_PATH ??
  process.env.ONCALL_OPENAPI_PATH ??
  resolve(dirname(fileURLToPath(import.meta.url)), '../../../shared/reference/pagerduty-openapi.json');

type Json = Record<string, unknown>;

/**
 * Whether the spec is there for a contract test file to run: in CI (which keeps shared/ beside the
 * clone) a missing spec throws, since there the contract tests must run, never skip; elsewhere it
 * warns that `what` contract tests are skipped. Use as `describe.skipIf(!specPresent('...'))`.
 */
export function specPresent(what: string): boolean {
  const present = existsSync(OPENAPI_PATH);
  if (!present && process.env.CI) throw new Error(`contract tests need ${OPENAPI_PATH}, which is missing`);
  if (!present) console.warn(`${what} contract tests skipped: ${OPENAPI_PATH} is missing`);
  return present;
}

/** Quirks of the published spec handled here, for readers of test failures. */
export const QUIRKS = [
  'AcknowledgeLogEntry declares type "acknowledgement_log_entry" while LogEntry (and the real API) use "acknowledge_log_entry": both accepted.',
  'Oncall start/end/schedule are null for permanent (direct) on-call entries, as documented, though the schema says string/object.',
  'GET /users/me with an account-level key answers 400 whose `error` is a plain string.',
  'Error statuses the operation does not declare (e.g. 400 already acknowledged on PUT /incidents/{id}, 5xx) are checked against the generic error body.',
  'Content-Type is declared required even on GETs, Accept is declared required: only Authorization, From (writes), Accept on every call and Content-Type on bodies are checked.',
  'Channel declares oneOf over channel kinds that no field tells apart (WebsiteChannel matches any object with a type): checked as anyOf.',
  'Bracketed array parameters (statuses[]) are declared as single values: each repeated value is checked against the declared schema.',
  "The log entry types omit status_update_log_entry, which PagerDuty lists in an incident's log for each status update (with its text in `message`; PagerDuty's own tools read it): added as StatusUpdateLogEntry to LogEntry and the log listings.",
] as const;

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

interface Loaded {
  spec: Json;
  ajv: Ajv;
  cache: Map<string, ValidateFunction>;
  templates: Array<{ template: string; re: RegExp; params: number }>;
}

let loaded: Loaded | null = null;

function patch(spec: Json): void {
  const schemas = (spec.components as Json).schemas as Record<string, Json>;
  const ackParts = schemas.AcknowledgeLogEntry!.allOf as Json[];
  for (const part of ackParts) {
    const type = (part.properties as Json | undefined)?.type as Json | undefined;
    if (type) type.enum = ['acknowledge_log_entry', 'acknowledgement_log_entry'];
  }
  // status_update_log_entry: in the LogEntry enum, its own schema, and every log listing's oneOf.
  for (const part of schemas.LogEntry!.allOf as Json[]) {
    const type = (part.properties as Json | undefined)?.type as Json | undefined;
    if (type && Array.isArray(type.enum)) type.enum = [...(type.enum as string[]), 'status_update_log_entry'];
  }
  schemas.StatusUpdateLogEntry = {
    allOf: [
      { $ref: '#/components/schemas/LogEntry' },
      {
        type: 'object',
        properties: {
          type: { type: 'string', enum: ['status_update_log_entry'] },
          message: { type: 'string' },
        },
      },
    ],
  };
  const addToLogListings = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(addToLogListings);
    else if (node && typeof node === 'object') {
      const o = node as Json;
      const one = o.oneOf as Json[] | undefined;
      if (Array.isArray(one) && one.some((x) => x.$ref === '#/components/schemas/AnnotateLogEntry'))
        one.push({ $ref: '#/components/schemas/StatusUpdateLogEntry' });
      Object.values(o).forEach(addToLogListings);
    }
  };
  addToLogListings(spec.paths);
  const channel = schemas.Channel!;
  if (channel.oneOf) {
    channel.anyOf = channel.oneOf;
    delete channel.oneOf;
  }
  const oncallProps = schemas.Oncall!.properties as Record<string, Json>;
  oncallProps.start!.nullable = true;
  oncallProps.end!.nullable = true;
  oncallProps.schedule = { anyOf: [{ type: 'null' }, oncallProps.schedule!] };
  // OpenAPI 3.0's boolean exclusiveMinimum/Maximum (the Analytics bodies) in JSON Schema's numeric form.
  const numericExclusive = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(numericExclusive);
    else if (node && typeof node === 'object') {
      const o = node as Json;
      for (const [k, bound] of [
        ['exclusiveMinimum', 'minimum'],
        ['exclusiveMaximum', 'maximum'],
      ] as const) {
        if (typeof o[k] === 'boolean') {
          if (o[k] && typeof o[bound] === 'number') {
            o[k] = o[bound];
            delete o[bound];
          } else delete o[k];
        }
      }
      Object.values(o).forEach(numericExclusive);
    }
  };
  numericExclusive(spec.paths);
}

function load(): Loaded {
  if (loaded) return loaded;
  const spec = JSON.parse(readFileSync(OPENAPI_PATH, 'utf8')) as Json;
  patch(spec);
  const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false });
  addFormats(ajv);
  ajv.addFormat('url', { type: 'string', validate: (s: string) => /^https?:\/\/\S+$/.test(s) });
  ajv.addFormat('tzinfo', {
    type: 'string',
    validate: (s: string) => /^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/.test(s),
  });
  ajv.addSchema(spec, 'pd');
  const templates = Object.keys(spec.paths as Json).map((template) => ({
    template,
    re: new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`),
    params: (template.match(/\{/g) ?? []).length,
  }));
  templates.sort((a, b) => a.params - b.params);
  loaded = { spec, ajv, cache: new Map(), templates };
  return loaded;
}

const pointer = (parts: string[]): string =>
  '#/' + parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

function validatorAt(ptr: string): ValidateFunction {
  const l = load();
  let v = l.cache.get(ptr);
  if (!v) {
    v = l.ajv.compile({ $ref: `pd${ptr}` });
    l.cache.set(ptr, v);
  }
  return v;
}

function deref(obj: Json): { node: Json; ptr: string | null } {
  const l = load();
  let node = obj;
  let ptr: string | null = null;
  while (typeof node.$ref === 'string') {
    ptr = node.$ref;
    node = ptr
      .slice(2)
      .split('/')
      .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
      .reduce<Json>((acc, k) => acc[k] as Json, l.spec);
  }
  return { node, ptr };
}

/** Finds the spec path template of a concrete path (literal paths win over templated ones). */
export function matchPath(path: string): string | null {
  const p = path.split('?')[0]!.replace(/\/+$/, '') || '/';
  return load().templates.find((t) => t.re.test(p))?.template ?? null;
}

function operation(method: string, path: string): { template: string; op: Json } | string {
  const template = matchPath(path);
  if (!template) return `no path in the spec matches ${path}`;
  const m = method.toLowerCase();
  const op = ((load().spec.paths as Json)[template] as Json)[m] as Json | undefined;
  if (!op || !(METHODS as readonly string[]).includes(m))
    return `${method.toUpperCase()} ${template} is not in the spec`;
  return { template, op };
}

function ajvProblems(v: ValidateFunction, where: string): string[] {
  return (v.errors ?? [])
    .slice(0, 20)
    .map((e) =>
      `${where}${e.instancePath || ''} ${e.message ?? 'invalid'} ${e.params ? JSON.stringify(e.params) : ''}`.trim(),
    );
}

const GENERIC_ERROR = '#/components/responses/Conflict/content/application~1json/schema';

/** Validates a response body against the operation's declared schema for that status; returns problems. */
export function validateResponse(method: string, path: string, status: number, body: unknown): string[] {
  const found = operation(method, path);
  if (typeof found === 'string') return [found];
  const { template, op } = found;
  const m = method.toLowerCase();
  if (template === '/users/me' && status === 400 && typeof (body as Json | null)?.error === 'string')
    return [];
  const responses = op.responses as Record<string, Json>;
  let ptr: string;
  if (responses[String(status)]) {
    const { node, ptr: refPtr } = deref(responses[String(status)]!);
    const content = (node.content as Json | undefined)?.['application/json'] as Json | undefined;
    if (!content?.schema) return body === undefined || body === '' ? [] : [`${status} declares no JSON body`];
    ptr = refPtr
      ? `${refPtr}/content/application~1json/schema`
      : pointer(['paths', template, m, 'responses', String(status), 'content', 'application/json', 'schema']);
  } else if (status >= 400) {
    ptr = GENERIC_ERROR;
  } else {
    return [`status ${status} is not declared for ${method.toUpperCase()} ${template}`];
  }
  const v = validatorAt(ptr);
  return v(body) ? [] : ajvProblems(v, `${method.toUpperCase()} ${path} ${status} body`);
}

/** A request as recorded by the simulator (or built by a test). */
export interface RequestToCheck {
  method: string;
  path: string;
  query?: Record<string, string | string[]> | URLSearchParams;
  headers: Record<string, string | undefined>;
  body?: unknown;
}

function coerce(value: string, schema: Json): unknown {
  const t = schema.type;
  if (t === 'integer' || t === 'number') return /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value;
  if (t === 'boolean') return value === 'true' ? true : value === 'false' ? false : value;
  return value;
}

/** Validates a request: operation, Authorization, From on writes, Accept, query parameters, JSON body. */
export function validateRequest(req: RequestToCheck): string[] {
  const pathOnly = req.path.split('?')[0]!;
  const found = operation(req.method, pathOnly);
  if (typeof found === 'string') return [found];
  const { template, op } = found;
  const problems: string[] = [];
  const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k.toLowerCase(), v]));
  const auth = headers.authorization ?? '';
  if (!/^Token token=\S+$/.test(auth) && !/^Bearer \S+$/.test(auth)) {
    problems.push('Authorization must be "Token token=<key>" or "Bearer <token>"');
  }
  if (!/application\/vnd\.pagerduty\+json;\s*version=2/.test(headers.accept ?? '')) {
    problems.push('Accept should be application/vnd.pagerduty+json;version=2');
  }
  const params = ((op.parameters as Json[] | undefined) ?? []).map((p) => deref(p).node);
  const fromParam = params.find((p) => p.in === 'header' && p.name === 'From');
  if (fromParam?.required) {
    const from = headers.from ?? '';
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(from))
      problems.push("From header with the acting user's email is required on this write");
  }
  // Query parameters.
  const entries: Array<[string, string]> =
    req.query instanceof URLSearchParams
      ? [...req.query.entries()]
      : Object.entries(req.query ?? {}).flatMap(([k, v]) =>
          Array.isArray(v) ? v.map((x) => [k, x] as [string, string]) : [[k, v] as [string, string]],
        );
  const fromPath = req.path.includes('?') ? [...new URLSearchParams(req.path.split('?')[1]).entries()] : [];
  const ajv = load().ajv;
  for (const [name, value] of [...entries, ...fromPath]) {
    const p = params.find((x) => x.in === 'query' && x.name === name);
    if (!p) {
      problems.push(`query parameter ${name} is not declared for ${req.method.toUpperCase()} ${template}`);
      continue;
    }
    let schema = (p.schema as Json | undefined) ?? {};
    if (schema.type === 'array' && schema.items) schema = schema.items as Json;
    const { uniqueItems: _u, maxItems: _m, ...single } = schema;
    if (!ajv.validate(single, coerce(value, single)))
      problems.push(`query ${name}=${value}: ${ajv.errorsText(ajv.errors)}`);
  }
  // Body.
  const rb = op.requestBody ? deref(op.requestBody as Json) : null;
  const hasBody = req.body !== undefined && req.body !== null && req.body !== '';
  if (rb) {
    const schema = ((rb.node.content as Json | undefined)?.['application/json'] as Json | undefined)?.schema;
    if (!hasBody) {
      if (rb.node.required) problems.push('request body is required');
    } else {
      if (!/^application\/json/.test(headers['content-type'] ?? ''))
        problems.push('Content-Type must be application/json on a body');
      if (typeof req.body === 'string') problems.push('request body is not JSON');
      else if (schema) {
        const ptr = pointer([
          'paths',
          template,
          req.method.toLowerCase(),
          'requestBody',
          'content',
          'application/json',
          'schema',
        ]);
        const v = validatorAt(ptr);
        if (!v(req.body)) problems.push(...ajvProblems(v, 'request body'));
      }
    }
  } else if (hasBody) {
    problems.push(`${req.method.toUpperCase()} ${template} takes no body`);
  }
  return problems;
}
