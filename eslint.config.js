// Lint: TypeScript rules plus the one-way dependency rule of docs/ARCHITECTURE.md ("The layers").
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const boundary = (from, forbidden, why, extra = []) => ({
  files: [`${from}/**/*.ts`],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [...forbidden.map((dir) => ({ group: [`**/${dir}/**`, `**/${dir}`], message: why })), ...extra],
      },
    ],
  },
});

export default tseslint.config(
  { ignores: ['node_modules/**', 'data/**', 'dist/**', 'coverage/**', 'tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['bin/**/*.js', '*.config.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  boundary(
    'shared',
    ['server', 'addin'],
    'shared/ is the pure domain core: it must not import the server or the add-ins (docs/ARCHITECTURE.md, "The layers").',
    [
      {
        group: ['node:*', 'fs', 'path', 'express', 'exceljs', 'better-sqlite3'],
        message: 'shared/ runs in Node, the task pane and Apps Script: no I/O or Node modules here; do it in server/.',
      },
    ],
  ),
  boundary(
    'addin/excel',
    ['server', 'sheets'],
    'The Excel host imports shared/ and addin/sidebar only; never the server or the Sheets host.',
  ),
  boundary(
    'addin/sheets',
    ['server', 'excel'],
    'The Sheets host imports shared/ and addin/sidebar only; never the server or the Excel host.',
  ),
  boundary(
    'addin/file',
    ['server', 'excel', 'sheets'],
    'The file host imports shared/ and addin/sidebar only; never the server or another host.',
  ),
  boundary(
    'addin/sidebar',
    ['server', 'excel', 'sheets', 'file'],
    'The sidebar talks to a WorkbookHost; it must not import a host or the server.',
  ),
  boundary('server', ['addin'], 'The server must not import the add-ins; shared code belongs in shared/.'),
);
