/**
 * The texts the app prepares for Pleo's two forms (from Pleo's staging-access guide): the
 * Partner API Access Request (step 1) and the Developer Partner Registration (step 2). Only non-secret values.
 */
import type { EnvironmentSummary } from '../../shared/environments.js';
import type { OnboardingDetails, PreparedItem, StepId } from '../../shared/onboarding.js';

export function accessRequestItems(d: OnboardingDetails): PreparedItem[] {
  const summary = [
    `Company / organisation: ${d.company || '[your company]'}`,
    `Intended ERP or accounting system: ${d.targetErp || '[the ERP or accounting system you integrate with]'}`,
    `Planned API usage: ${d.plannedUsage || '[what your integration will do with the Pleo API]'}`,
    'Integration type: multi-customer partner integration using OAuth 2.0 (authorization code with PKCE)',
    'Environment requested: staging',
  ].join('\n');
  return [
    { id: 'company', label: 'Company or organisation', value: d.company },
    { id: 'target-erp', label: 'Intended ERP or accounting system', value: d.targetErp },
    { id: 'planned-usage', label: 'Planned API usage', value: d.plannedUsage },
    { id: 'summary', label: 'Whole request as text', value: summary },
  ];
}

export function registrationItems(d: OnboardingDetails, env: EnvironmentSummary): PreparedItem[] {
  const clientName = d.clientName || (d.company ? `${d.company} integration` : '');
  return [
    {
      id: 'client-name',
      label: 'Client name',
      value: clientName,
      note: /pleo/i.test(clientName)
        ? 'Pleo does not accept its own name in the client name: please rename it.'
        : "Shown to users on Pleo's consent screen.",
    },
    { id: 'client-uri', label: 'Client URI (your website)', value: d.clientUri },
    { id: 'contact-email', label: 'Contact email', value: d.contactEmail, sensitive: true },
    {
      id: 'redirect-uri',
      label: 'Redirect URI',
      value: env.redirectUri,
      note: 'Register exactly this address: Pleo compares it character for character.',
    },
    { id: 'scopes', label: 'Requested scopes', value: env.scopes.join(' ') },
    { id: 'grant', label: 'Grant type', value: 'Authorization code' },
    { id: 'pkce', label: 'PKCE supported', value: 'Yes (S256)' },
    { id: 'client-auth', label: 'Token endpoint authentication', value: 'client_secret_basic' },
    { id: 'subject-type', label: 'Subject type preference', value: 'Company' },
  ];
}

export function preparedItems(stepId: StepId, d: OnboardingDetails, env: EnvironmentSummary): PreparedItem[] | undefined {
  if (stepId === 'access-requested') return accessRequestItems(d);
  if (stepId === 'client-registered') return registrationItems(d, env);
  return undefined;
}
