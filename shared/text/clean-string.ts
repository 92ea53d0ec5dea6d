// The text gate as a zod schema, for the request bodies that take text (the routes' and the shared contract's).
import * as z from 'zod';
import { cleanText } from './clean-text.ts';

/** The gate alone, before a field's own checks (an e-mail address's pattern). */
export const cleanStringThen = () => z.string().overwrite(cleanText);

/** A text field through the gate, then trimmed and bounded: `cleanString(200, 2)` for a name, `cleanString(2000, 1)` for a title. */
export const cleanString = (max: number, min = 0) => cleanStringThen().trim().min(min).max(max);
