// Agencies and groups of a city's directory, versioned by the dates it is valid for.
import * as z from 'zod';
import { cleanString, cleanStringThen } from '../text/clean-string.ts';

export const AgencyKind = z.enum([
  'department',
  'public-service-unit',
  'ward',
  'commune',
  'party-body',
  'front',
  'council',
]);
export type AgencyKind = z.infer<typeof AgencyKind>;

export const AgencyContact = z
  .object({
    name: cleanString(100, 1),
    email: cleanStringThen()
      .trim()
      .max(200)
      .regex(/^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/, 'an e-mail address'),
  })
  .strict();
export type AgencyContact = z.infer<typeof AgencyContact>;

// Names pass the text gate wherever a directory comes from: an edit, a file given to the CLI, the store (one saved
// before the gate existed), the bundled ones.
const Name = cleanStringThen();

export const Agency = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  name: Name.min(1),
  kind: AgencyKind,
  groups: z.array(z.string()),
  aliases: z.array(Name).default([]),
  /** false when the entry still waits for confirmation against a city decision. */
  confirmed: z.boolean().default(true),
  /** Who receives the reminders for the unit. */
  contacts: z.array(AgencyContact).max(10).default([]),
});
export type Agency = z.infer<typeof Agency>;

export const AgencyGroup = z.object({
  id: z.string(),
  name: Name,
  /** How plans name the group: "UBND các phường, xã", "các cơ quan chuyên môn"… */
  aliases: z.array(Name),
  /** A group may be the union of others ("các cơ quan, đơn vị"). */
  includes: z.array(z.string()).default([]),
});
export type AgencyGroup = z.infer<typeof AgencyGroup>;

export const Directory = z.object({
  id: z.string(),
  name: z.string(),
  validFrom: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  validTo: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .nullable(),
  agencies: z.array(Agency).min(1),
  groups: z.array(AgencyGroup),
  /** Names that plans use for bodies outside the reporting duty (city leaders, the archive). */
  nonReporting: z.array(z.string()).default([]),
});
export type Directory = z.infer<typeof Directory>;
export type DirectoryInput = z.input<typeof Directory>;
