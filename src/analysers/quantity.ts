/**
 * Quantities as the report defines them (src/report/quantity.ts): a value, a unit from the
 * report's fixed set, and a source — measured (a file inside the project, "path" or
 * "path:line"), computed (by a named tool or formula) or an estimate (with its basis).
 */
import type { Quantity, Unit } from '../report/quantity.js';

export type { Quantity, Unit } from '../report/quantity.js';

export function measured(value: number, unit: Unit, ref: string): Quantity {
  return { value, unit, source: { kind: 'measured', ref } };
}

export function computed(value: number, unit: Unit, from: string): Quantity {
  return { value, unit, source: { kind: 'computed', from } };
}

export function estimate(value: number, unit: Unit, basis: string): Quantity {
  return { value, unit, source: { kind: 'estimate', basis } };
}
