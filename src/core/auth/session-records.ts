/**
 * What the app remembers about each session (environment + client) besides the tokens: the
 * token timeline shown on the Token screen, the subject found by introspection, and which
 * environments must show the login page again after a sign-out. Memory only.
 */
import type { TokenTimelineEntry, TokenTimelineKind } from '../../shared/environments.js';
import type { Clock } from '../ports.js';
import type { SlotRef } from '../oauth/token-manager.js';

const TIMELINE_LIMIT = 50;

export const slotKey = (ref: SlotRef) => `${ref.environmentId}\n${ref.clientId}`;

export interface SessionRecords {
  timeline(ref: SlotRef, kind: TokenTimelineKind, detail?: string): void;
  timelineOf(ref: SlotRef): TokenTimelineEntry[];
  subject(ref: SlotRef): string | undefined;
  setSubject(ref: SlotRef, subject: string): void;
  forgetSubject(ref: SlotRef): void;
  /** After a sign-out the next sign-in shows the login page again (prompt=login). */
  promptLogin: Set<string>;
}

export function createSessionRecords(clock: Clock): SessionRecords {
  const timelines = new Map<string, TokenTimelineEntry[]>();
  const subjects = new Map<string, string>();
  return {
    timeline(ref, kind, detail) {
      const list = timelines.get(slotKey(ref)) ?? [];
      list.push({ kind, at: clock.now(), ...(detail ? { detail } : {}) });
      if (list.length > TIMELINE_LIMIT) list.splice(0, list.length - TIMELINE_LIMIT);
      timelines.set(slotKey(ref), list);
    },
    timelineOf: (ref) => [...(timelines.get(slotKey(ref)) ?? [])],
    subject: (ref) => subjects.get(slotKey(ref)),
    setSubject: (ref, subject) => void subjects.set(slotKey(ref), subject),
    forgetSubject: (ref) => void subjects.delete(slotKey(ref)),
    promptLogin: new Set<string>(),
  };
}
