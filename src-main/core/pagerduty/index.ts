/** The PagerDuty REST API v2 client and its parts: interface, errors, wire schemas, mappers. */
export * from './api.js';
export * from './client.js';
export * from './errors.js';
export { buildQuery, PAGERDUTY_ACCEPT, type QueryValue } from './http.js';
export { retryAfterFromHeaders } from './http-errors.js';
export * from './listing.js';
export * from './map.js';
export * from './redact.js';
export * from './schemas.js';
export * from './schedules.js';
export * from './directory.js';
export { createPager, MAX_OFFSET_WINDOW, MAX_PAGE_SIZE, type PageSpec } from './paging.js';
