/** ace.config.json at the project root: deny-list changes and limits. */
import { z } from 'zod';
import { UserInputError } from '../errors.js';

export const CONFIG_FILE = 'ace.config.json';

const pattern = z.string().min(1).max(500);

export const aceConfigSchema = z
  .object({
    /** Extra .gitignore-style patterns no tool may read, list or search. */
    deny: z.array(pattern).optional(),
    /** .gitignore-style patterns that lift the built-in deny-list (never `deny` above). */
    allow: z.array(pattern).optional(),
    limits: z
      .object({
        /** Deadline for one grep call, in milliseconds. */
        grepTimeoutMs: z.number().int().min(100).max(600_000).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

export type AceConfig = z.infer<typeof aceConfigSchema>;

/** Parses the text of ace.config.json; a malformed file is the user's to fix, so it stops start-up. */
export function parseConfig(text: string): AceConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new UserInputError(`${CONFIG_FILE} is not valid JSON: ${(err as Error).message}`);
  }
  const parsed = aceConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(top)'}: ${i.message}`).join('; ');
    throw new UserInputError(`${CONFIG_FILE} is invalid: ${issues}`);
  }
  return parsed.data;
}
