/**
 * Extra sections of the readiness report contributed by features other than onboarding (the
 * export run, for example). Plain facts as label/value text, already shortened by the feature;
 * the report redacts and escapes them once more.
 */
export interface ReportSection {
  id: string;
  title: string;
  facts: Array<[label: string, value: string]>;
  notes?: string[];
}
