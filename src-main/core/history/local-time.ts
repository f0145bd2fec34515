/** Local wall-clock time lives in src-main/shared/local-time.ts (the renderer's shift views use it too). */
export * from '../../shared/local-time.js';
