import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

// Electron configuration gates (security-test-plan EL-04): patterns that must never appear.
const electronGates = [
  { selector: "CallExpression[callee.property.name='setCertificateVerifyProc']", message: 'Never override certificate verification (EL-04).' },
  { selector: "CallExpression[callee.property.name='on'][arguments.0.value='certificate-error']", message: 'Never accept certificate errors (EL-04).' },
  {
    selector: "CallExpression[callee.property.name='appendSwitch'][arguments.0.value=/^(ignore-certificate-errors|disable-web-security|remote-debugging-port|host-rules|no-sandbox|allow-insecure-localhost)$/]",
    message: 'Dangerous Chromium switch (EL-04).',
  },
  { selector: "CallExpression[callee.property.name='exposeInMainWorld'] Identifier[name='ipcRenderer']", message: 'Never expose ipcRenderer to the page (E-20).' },
];

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', '.tmp/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-eval': 'error',
      'no-implied-eval': 'error',
      // Stripping control characters from untrusted text is deliberate (CB-10, CB-21).
      'no-control-regex': 'off',
    },
  },
  {
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    rules: { 'no-restricted-syntax': ['error', ...electronGates] },
  },
  {
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    ignores: ['src/main/electron-adapters.ts'],
    rules: {
      // shell.openExternal only through the one validated adapter (EL-04).
      'no-restricted-properties': ['error', { object: 'shell', property: 'openExternal', message: 'Use the validated adapter in src/main/electron-adapters.ts.' }],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // Advice for the React Compiler, which this project does not use (TanStack Virtual).
      'react-hooks/incompatible-library': 'off',
      // The renderer never touches Node or Electron (docs/architecture.md, security E-2/E-20).
      'no-restricted-imports': ['error', { patterns: ['node:*', 'electron', '**/core/**', '**/main/**', '**/simulator/**'] }],
      'react/no-danger': 'off',
      'no-restricted-syntax': ['error', ...electronGates, { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'No raw HTML in the renderer (XSS).' }],
    },
  },
  {
    files: ['src/core/**/*.ts', 'src/shared/**/*.ts'],
    rules: {
      // Core runs without Electron; shared runs everywhere (docs/architecture.md, "Processes and folders").
      'no-restricted-imports': ['error', { patterns: ['electron', '**/main/**', '**/simulator/**', '**/renderer/**'] }],
    },
  },

);
