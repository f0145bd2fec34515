/**
 * A runbook set in Settings, per service: shared by the settings schema, the core's history and
 * runbook matching, and the renderer's editor.
 */
import { z } from 'zod';

export const runbookSchema = z.object({
  serviceId: z.string().min(1),
  /** Shown when the service id is unknown to the team file's reader. */
  serviceName: z.string().optional(),
  url: z
    .string()
    .url()
    .refine((u) => u.startsWith('https://'), 'runbook links must be https:')
    .optional(),
  steps: z.array(z.string().min(1).max(500)).max(100).default([]),
});
export type Runbook = z.infer<typeof runbookSchema>;
