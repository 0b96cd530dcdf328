/**
 * report.preview and report.export. The model is built from the checklist view and passed
 * through the core's redactor (any secret this core holds is masked even if it somehow
 * reached a summary), rendered to HTML (redacted once more), and saved through the host's FileSaverPort. PDF needs the
 * PdfRenderer port, which only the Electron host has.
 */
import type { CoreServices } from '../core-services.js';
import type { PartialHandlerTable } from '../ipc/handler-types.js';
import type { ChecklistView, ReportModel } from '../../shared/onboarding.js';
import type { ReportPreview } from '../../shared/contract/onboarding-channels.js';
import { failure } from '../../shared/result.js';
import { buildReportModel } from './report-model.js';
import { renderReportHtml } from './report-html.js';

export interface ReportSource {
  view(environmentId?: string): Promise<ChecklistView>;
  apiBase(environmentId: string): string;
}

export async function buildReport(services: CoreServices, source: ReportSource, environmentId?: string): Promise<ReportPreview> {
  const view = await source.view(environmentId);
  const now = services.clock.now();
  // The model goes to the renderer's preview as well, so it is redacted itself, and before
  // escaping (a secret containing & or < would no longer match once escaped).
  const sections = services.reportSections?.collect(view.environmentId) ?? [];
  const model = services.redactor.value({
    ...buildReportModel(view, { appVersion: services.options.appVersion, apiBase: source.apiBase(view.environmentId), now }),
    ...(sections.length ? { sections } : {}),
  }) as ReportModel;
  const html = services.redactor.text(renderReportHtml(model));
  const date = new Date(now).toISOString().slice(0, 10);
  const slug = view.environmentId.replace(/[^A-Za-z0-9-]/g, '-').slice(0, 40);
  return { html, model, fileName: `pleo-readiness-${slug}-${date}` };
}

export function createReportHandlers(services: CoreServices, source: ReportSource): PartialHandlerTable {
  return {
    'report.preview': ({ environmentId }) => buildReport(services, source, environmentId),
    'report.export': async ({ environmentId, format }) => {
      const report = await buildReport(services, source, environmentId);
      if (format === 'pdf') {
        const pdf = services.ports.pdfRenderer;
        if (!pdf) {
          throw failure('REPORT_FAILED', 'PDF export is only available in the desktop app.', {
            hint: 'Save the report as HTML instead; any browser can open and print it.',
          });
        }
        let bytes: Uint8Array;
        try {
          bytes = await pdf.htmlToPdf(report.html);
        } catch {
          throw failure('REPORT_FAILED', 'The PDF could not be created.', { hint: 'Save the report as HTML instead, or try again.' });
        }
        return save(services, {
          suggestedName: `${report.fileName}.pdf`,
          content: bytes,
          filters: [{ name: 'PDF document', extensions: ['pdf'] }],
        });
      }
      return save(services, {
        suggestedName: `${report.fileName}.html`,
        content: report.html,
        filters: [{ name: 'Web page', extensions: ['html'] }],
      });
    },
  };
}

async function save(services: CoreServices, request: Parameters<CoreServices['ports']['fileSaver']['save']>[0]) {
  try {
    const result = await services.ports.fileSaver.save(request);
    services.logger.info('report: export finished', { saved: result.saved });
    return result.saved ? { saved: true, ...(result.path ? { path: result.path } : {}) } : { saved: false };
  } catch {
    throw failure('REPORT_FAILED', 'The report could not be saved.', {
      hint: 'Choose another folder, or check that the disk is not full, and try again.',
    });
  }
}
