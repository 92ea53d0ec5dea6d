// The head of a real plan and the parse the layout tests (tests/shared/plan/real-layouts-*.test.ts) write their plans with.
import { textToBlocks } from '../../shared/plan/document.ts';
import { parsePlan } from '../../shared/plan/plan-parser.ts';

export const parse = (text: string) => parsePlan(textToBlocks(text));
export const HEAD = [
  'ỦY BAN NHÂN DÂN',
  'TỈNH ĐỒNG NAI',
  'Số: 12/KH-UBND',
  'Đồng Nai, ngày 20 tháng 11 năm 2025',
  'KẾ HOẠCH',
  'Phòng, chống ma túy',
];
