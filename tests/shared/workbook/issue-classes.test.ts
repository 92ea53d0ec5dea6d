import { describe, expect, it } from 'vitest';
import { isIdentityFinding, isMismatch, type WorkbookIssueCode } from '../../../shared/workbook/issue.ts';

const CODES: WorkbookIssueCode[] = [
  'metadata-missing',
  'metadata-invalid',
  'template-version-unsupported',
  'template-version-newer',
  'template-migrated',
  'agency-mismatch',
  'period-mismatch',
  'plan-mismatch',
  'template-outdated',
  'sheet-missing',
  'row-unknown',
  'locked-content-changed',
  'status-required',
];

describe('what a finding says of the workbook as a whole', () => {
  it("a mismatch: another agency's, period's or plan's workbook, or an older assignment", () => {
    expect(CODES.filter(isMismatch)).toEqual([
      'agency-mismatch',
      'period-mismatch',
      'plan-mismatch',
      'template-outdated',
    ]);
  });
  it("an identity finding: another's workbook, or one whose identity cannot be read; an older assignment is still this agency's", () => {
    expect(CODES.filter(isIdentityFinding)).toEqual([
      'metadata-missing',
      'metadata-invalid',
      'template-version-unsupported',
      'template-version-newer',
      'agency-mismatch',
      'period-mismatch',
      'plan-mismatch',
    ]);
  });
});
