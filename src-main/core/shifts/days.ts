/** The roster by local day lives in src-main/shared/days.ts (the CLI and the renderer share it). */
export * from '../../shared/days.js';
