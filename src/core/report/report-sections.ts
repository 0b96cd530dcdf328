/**
 * The hook through which features add sections to the readiness report without the report
 * knowing them: a feature registers a source; the report asks every source for the
 * environment it is built for. A failing source is left out, never breaks the report.
 */
import type { ReportSection } from '../../shared/report-sections.js';

export type ReportSectionSource = (environmentId: string) => ReportSection | undefined;

export interface ReportSectionRegistry {
  add(source: ReportSectionSource): () => void;
  collect(environmentId: string): ReportSection[];
}

export function createReportSectionRegistry(): ReportSectionRegistry {
  const sources = new Set<ReportSectionSource>();
  return {
    add(source) {
      sources.add(source);
      return () => sources.delete(source);
    },
    collect(environmentId) {
      const out: ReportSection[] = [];
      for (const source of sources) {
        try {
          const section = source(environmentId);
          if (section) out.push(section);
        } catch {
          // A broken section is left out; the rest of the report still works.
        }
      }
      return out;
    },
  };
}
