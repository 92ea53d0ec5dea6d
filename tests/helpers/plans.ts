// Reading the plan fixtures the way the CLI does.
import { readFileSync } from 'node:fs';
import { textToBlocks } from '../../shared/plan/document.ts';
import { parsePlan } from '../../shared/plan/plan-parser.ts';

export const fixturePath = (name: string) => new URL(`../fixtures/plans/${name}`, import.meta.url).pathname;
export const SEED_PATH = new URL('../../server/seed/ke-hoach-nq28-vung-tau-2023.txt', import.meta.url).pathname;

export function parseFixture(name: string) {
  return parsePlan(textToBlocks(readFileSync(fixturePath(name), 'utf8')));
}

export function parseSeed() {
  return parsePlan(textToBlocks(readFileSync(SEED_PATH, 'utf8')));
}
