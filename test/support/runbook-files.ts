/**
 * A shared team runbook file with an error on line 6 (an unknown field), its fixed version, and the
 * message that names the line: the Electron and preview tests of the runbook-source error use them.
 */
export const MALFORMED_RUNBOOKS = [
  '# Team runbooks',
  'runbooks:',
  '  - service: checkout-api',
  '    steps:',
  '      - Check the error-rate dashboard',
  '    colour: red',
  '',
].join('\n');

/** The same file, fixed. */
export const FIXED_RUNBOOKS = [
  'runbooks:',
  '  - service: checkout-api',
  '    steps:',
  '      - Look',
  '',
].join('\n');

/** What the load says of MALFORMED_RUNBOOKS saved as team-runbooks.yaml. */
export const RUNBOOKS_LINE_6 = 'team-runbooks.yaml line 6: unknown field "colour"';
