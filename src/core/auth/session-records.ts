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
  /** The company's display name, looked up once after sign-in (issue 13). */
  companyName(ref: SlotRef): string | undefined;
  setCompanyName(ref: SlotRef, name: string): void;
  /** Forgets the subject and the company name. */
  forgetSubject(ref: SlotRef): void;
  /** After a sign-out the next sign-in shows the login page again (prompt=login). */
  promptLogin: Set<string>;
}

export function createSessionRecords(clock: Clock): SessionRecords {
  const timelines = new Map<string, TokenTimelineEntry[]>();
  const subjects = new Map<string, string>();
  const companyNames = new Map<string, string>();
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
    companyName: (ref) => companyNames.get(slotKey(ref)),
    setCompanyName: (ref, name) => void companyNames.set(slotKey(ref), name),
    forgetSubject: (ref) => {
      subjects.delete(slotKey(ref));
      companyNames.delete(slotKey(ref));
    },
    promptLogin: new Set<string>(),
  };
}
