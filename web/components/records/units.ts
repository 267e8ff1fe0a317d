'use client';

import type { FieldDefinition, UnitSystem } from '@patrec/contract';
import { useEffect, useState } from 'react';
import type { Draft } from './drafts';

const KG_PER_LB = 0.45359237;
const CM_PER_FT = 30.48;

/** Where a person's choice of units is kept: in this browser, for that person. */
const storageKey = (personId: string) => `patrec.units.${personId}`;

/**
 * The units a person measures in, and a way to change them. The choice is remembered for
 * that person; a record being edited keeps the units it was entered in (`recorded`).
 */
export function useUnitSystem(
  personId: string,
  recorded: UnitSystem | undefined,
): [UnitSystem, (system: UnitSystem) => void] {
  const [system, setSystem] = useState<UnitSystem>(recorded ?? 'imperial');
  useEffect(() => {
    if (recorded) return;
    const saved = window.localStorage.getItem(storageKey(personId));
    if (saved === 'metric' || saved === 'imperial') setSystem(saved);
  }, [personId, recorded]);
  const choose = (chosen: UnitSystem) => {
    setSystem(chosen);
    window.localStorage.setItem(storageKey(personId), chosen);
  };
  return [system, choose];
}

/** The system of units a draft was typed in, when it holds a measurement of one. */
export function draftSystem(
  fields: Record<string, FieldDefinition>,
  draft: Draft,
): UnitSystem | undefined {
  return Object.values(fields).find((field) => field.system && draft[field.name]?.trim())?.system;
}

/** Each unit's value in the other system of units, as a person reads it. */
const CONVERSIONS: Partial<Record<string, (value: number) => string>> = {
  kg: (kg) => `${(kg / KG_PER_LB).toFixed(1)} lbs`,
  lbs: (lbs) => `${(lbs * KG_PER_LB).toFixed(1)} kg`,
  cm: (cm) => {
    const inches = Math.round(cm / 2.54);
    return `${Math.floor(inches / 12)} ft ${inches % 12} in`;
  },
  ft: (feet) => `${Math.round(feet * CM_PER_FT)} cm`,
};

/** A stored measurement in the other system of units ("154.3 lbs"), if it has one. */
export const inOtherUnits = (field: FieldDefinition, value: number): string | undefined =>
  field.unit ? CONVERSIONS[field.unit]?.(value) : undefined;
