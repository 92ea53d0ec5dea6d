// The directories shipped with the product, newest last; a plan is read against the one of its date.
import type { DirectoryInput } from './agency.ts';
import { VUNG_TAU_2023 } from './vung-tau-2023.ts';

export const BUNDLED_DIRECTORIES: DirectoryInput[] = [VUNG_TAU_2023];
