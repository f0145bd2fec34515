/**
 * The types the core, the IPC contract and the renderer share: the domain, the core's events, the
 * snapshot, the history records and views, the runbook. One place to import them from, always
 * type-only (`import type`), so the renderer never pulls core runtime code into its bundle. Lint
 * (eslint.config.js) keeps the renderer to this module, ./limits.ts and the contract.
 */
export type {
  Urgency,
  IncidentStatus,
  Ref,
  UserRef,
  Incident,
  User,
  OncallEntry,
  LogEntry,
  Alert,
  Priority,
  EscalationLevel,
  EscalationPolicyInfo,
  ConferenceBridge,
  ChangeEventInfo,
  ResponderRequestInfo,
  IncidentWork,
  ServiceInfo,
  ServiceOwnership,
  ServicesAnswer,
  IncidentOncall,
} from '../core/domain.js';
export type {
  ErrorKind,
  SyncStatus,
  NotificationRequest,
  ActionKind,
  WorkActionKind,
  WorkPayload,
  PendingAction,
  CoreEvent,
  CoreEventType,
  EventOf,
} from '../core/events.js';
export type {
  ShiftView,
  CompanionSnapshot,
  ActionAccepted,
  ActionHeld,
  TradeResult,
} from '../core/companion-types.js';
export type { PendingTrade, Roster, RosterSchedule, RosterShift } from '../core/shifts/roster.js';
export type { ScheduleSpan } from '../core/pagerduty/schedules.js';
export type {
  PageRecord,
  TimeRange,
  LoadMetrics,
  ReportPeriod,
  HandoffReport,
  RunbookView,
} from '../core/history/types.js';
export type { Runbook } from './runbook.js';
export type { ShownUpdateStatus } from '../core/update/status.js';
export type { TeamView } from '../core/team/service.js';
export type { TeamLoad } from '../core/team/types.js';
export type { OperationsReview, ReviewNumber } from '../core/team/review.js';
