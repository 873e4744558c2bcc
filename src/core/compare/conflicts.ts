/**
 * Where sources disagree: the same slot (a weekday, a date, a count, a label, a name) with
 * different values. A source is checked against the other sources carrying the same claim.
 */
import type { Conflict, Fact } from './types.js';

/** Levenshtein distance, stopping early once it exceeds `limit`. */
export function editDistance(a: string, b: string, limit = 3): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      current.push(value);
      best = Math.min(best, value);
    }
    if (best > limit) return limit + 1;
    previous = current;
  }
  return previous[b.length]!;
}

function values(facts: readonly Fact[], kind: Fact['kind']): Set<string> {
  // A bare year is not the same slot as a day of the month.
  return new Set(facts.filter((fact) => fact.kind === kind && (kind !== 'date' || /\s/.test(fact.value))).map((fact) => fact.value));
}

function disjointSlot(kind: 'weekday' | 'date' | 'label', mine: readonly Fact[], others: readonly (readonly Fact[])[]): Conflict | null {
  const own = values(mine, kind);
  const theirs = new Set(others.flatMap((facts) => [...values(facts, kind)]));
  if (own.size === 0 || theirs.size === 0) return null;
  for (const value of own) if (theirs.has(value)) return null;
  const shown = (set: Set<string>): string[] => [...set].map((value) => (kind === 'weekday' ? value[0]!.toUpperCase() + value.slice(1) : value));
  return { kind, value: shown(own).join(', '), others: shown(theirs) };
}

function numberConflicts(mine: readonly Fact[], others: readonly (readonly Fact[])[]): Conflict[] {
  const conflicts: Conflict[] = [];
  const theirs = others.flat().filter((fact) => fact.kind === 'number');
  const own = new Set(mine.filter((fact) => fact.kind === 'number').map((fact) => fact.value));
  for (const fact of mine.filter((candidate) => candidate.kind === 'number')) {
    const same = theirs.filter((other) => other.value === fact.value);
    if (same.length > 0) {
      // The same count: a qualifier ("more than", "about") one source adds or changes.
      const qualifiers = new Set(same.map((other) => other.qualifier));
      if (!qualifiers.has(fact.qualifier)) {
        conflicts.push({
          kind: 'qualifier',
          value: fact.qualifier ? fact.text : `${fact.text} (no qualifier)`,
          others: [...qualifiers].map((qualifier) => (qualifier ? `${qualifier} ${fact.text.replace(/^\D+/, '')}` : `${fact.text.replace(/^\D+/, '')} (no qualifier)`)),
        });
      }
      continue;
    }
    // A different count of the same size (within a factor of two) reads as the same slot.
    const value = Number.parseFloat(fact.value);
    // Counts this source also gives are not a disagreement ("170,000, of them 150,000 amplifiers").
    const near = theirs.filter((other) => {
      if (own.has(other.value)) return false;
      const ratio = Number.parseFloat(other.value) / value;
      return ratio > 0.5 && ratio < 2 && other.value.endsWith('%') === fact.value.endsWith('%');
    });
    if (near.length > 0 && value >= 10) conflicts.push({ kind: 'number', value: fact.text, others: [...new Set(near.map((other) => other.text))] });
  }
  return conflicts;
}

function spellingConflicts(mine: readonly Fact[], others: readonly (readonly Fact[])[]): Conflict[] {
  const theirs = new Set(others.flatMap((facts) => [...values(facts, 'name')]));
  const conflicts: Conflict[] = [];
  for (const name of values(mine, 'name')) {
    if (theirs.has(name) || name.length < 5) continue;
    const variants = [...theirs].filter((other) => {
      if (other.length < 5 || other.split(' ').length !== name.split(' ').length) return false;
      // "Republican" and "Republicans" are one word in two numbers, not two spellings.
      const singular = (text: string): string => text.toLowerCase().replace(/(['’]s|s)$/, '');
      if (singular(name) === singular(other)) return false;
      const distance = editDistance(name.toLowerCase(), other.toLowerCase(), 2);
      return distance > 0 && distance <= (name.length >= 8 ? 2 : 1);
    });
    if (variants.length > 0) conflicts.push({ kind: 'spelling', value: name, others: variants });
  }
  return conflicts;
}

/** This source's conflicts with the other sources carrying the same claim. */
export function findConflicts(mine: readonly Fact[], others: readonly (readonly Fact[])[]): Conflict[] {
  if (others.length === 0) return [];
  const slots = (['weekday', 'date', 'label'] as const).map((kind) => disjointSlot(kind, mine, others));
  return [
    ...slots.filter((conflict): conflict is Conflict => conflict !== null),
    ...numberConflicts(mine, others),
    ...spellingConflicts(mine, others),
  ];
}
