/** Sign in with PagerDuty (OAuth 2.0 authorization code + PKCE, loopback redirect) for every host. */
export {
  DEFAULT_CLIENT_ID,
  PAGERDUTY_IDENTITY_URL,
  identityEndpoints,
  IdentityUrlError,
  type IdentityEndpoints,
} from './endpoints.js';
export { SignInError } from './errors.js';
export { signIn, SIGN_IN_TIMEOUT_MS, type SignInOptions } from './flow.js';
export { createTokenSession, revokeTokens, SESSION_TOKEN_PLACEHOLDER, type TokenSession } from './session.js';
export {
  createSignInStore,
  osKeychain,
  credentialsFile,
  type SignInStore,
  type StoredWhere,
  type Keychain,
} from './store.js';
export { openInBrowser } from './browser.js';
export type { OAuthTokens } from './tokens.js';
