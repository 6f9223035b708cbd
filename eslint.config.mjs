// Lint that protects the architecture: typescript-eslint strict type-checked rules, no promise left
// unawaited, no `any`, no deep imports into another package, no console output from libs/services.
// (Import cycles and relative imports leaving a package are checked by scripts/check-cycles.ts.)
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';

const NODE_GLOBALS = {
  process: 'readonly',
  console: 'readonly',
  Buffer: 'readonly',
  URL: 'readonly',
  setTimeout: 'readonly',
  clearTimeout: 'readonly',
  fetch: 'readonly',
  AbortSignal: 'readonly',
};

export default defineConfig(
  globalIgnores([
    '**/node_modules/',
    '**/dist/',
    '**/coverage/',
    '**/.turbo/',
    'test-results/',
    'test/support/ferretdb/',
  ]),
  {
    files: ['**/*.{js,mjs,cjs}'],
    extends: [js.configs.recommended],
    languageOptions: { ecmaVersion: 'latest', sourceType: 'module', globals: NODE_GLOBALS },
  },
  {
    files: ['**/*.{ts,mts,cts}'],
    extends: [js.configs.recommended, tseslint.configs.strictTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^@conveyor/[^/]+/(src|dist|lib)(/|$)',
              message: "A package's only door is its name (its src/index.ts): import '@conveyor/<name>'.",
            },
            {
              regex: '^(\\.\\./)+(libs|services)/',
              message: "Import another package by its name ('@conveyor/<name>'), not by a path into it.",
            },
            {
              regex: '^(\\.\\./){2,}[^./][^/]*/src(/|$)',
              message: "Import another package by its name ('@conveyor/<name>'), not by a path into its src.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ['libs/**', 'services/**'],
    rules: { 'no-console': 'error' },
  },
);
