/** A sign-in that did not complete: the message says what happened and what to do; it never holds a token. */
export class SignInError extends Error {
  constructor(
    message: string,
    readonly reason:
      | 'state'
      | 'denied'
      | 'timeout'
      | 'port'
      | 'redirect'
      | 'exchange'
      | 'invalid_answer'
      | 'unreachable'
      | 'cancelled',
  ) {
    super(message);
    this.name = 'SignInError';
  }
}
