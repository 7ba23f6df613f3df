/** Parameter schemas shared by several emit tools. */
import { z } from 'zod';
import { DURATION_UNITS, UnitSchema } from '../../report/quantity.js';

export const ComparatorSchema = z.enum(['<', '<=', '>', '>=']);

/** A configured value (a threshold, a cooldown): a number and a unit, no source needed. */
export const SettingSchema = z.strictObject({ value: z.number(), unit: UnitSchema });

export const DurationSettingSchema = z.strictObject({ value: z.number().positive(), unit: z.enum(DURATION_UNITS) });

export const LayerSchema = z.enum(['application', 'database', 'network', 'infrastructure']);
export type Layer = z.infer<typeof LayerSchema>;

/** An objective as a percentage of good events, e.g. 99.9. */
export const ObjectivePercentSchema = z.number().gt(0).lt(100).describe('Objective in percent of good events, e.g. 99.9');

export const text = (what: string) => z.string().trim().min(1).max(2000).describe(what);
