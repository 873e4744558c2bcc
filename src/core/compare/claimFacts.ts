/**
 * The facts a claims map checks for conflicts, read once per passage and map: on Reuters 42,000
 * passages stand in claims whose conflicts are checked, and reading their facts was most of the
 * map's time. Names are read without the words around them (no conflict check reads those), and
 * the sentence before a passage only for its days.
 */
import type { Passage } from '../types.js';
import { extractDays, extractFacts, isMonthOnly } from './facts.js';
import type { Fact } from './types.js';

/**
 * The facts of the event a window states: its own, and when it gives no day, the weekdays and
 * dates of the sentence before it in the same paragraph ("On Friday, Twitter said it suspended
 * ... According to the company, these accounts were all tied to ..."). `daysOf` gives a
 * passage's day facts (facts.ts: isDayFact).
 */
export function withDayBefore(own: Fact[], window: readonly Passage[], passages: readonly Passage[], daysOf: (passage: Passage) => readonly Fact[]): Fact[] {
  // A month alone ("will close in May") says when the plan takes effect, not the day it was made.
  if (own.some((fact) => fact.kind === 'weekday' || (fact.kind === 'date' && !isMonthOnly(fact)))) return own;
  const first = window[0]!;
  const previous = passages[first.id - 1];
  if (!previous || previous.source !== first.source || previous.paragraph !== first.paragraph) return own;
  return [...own, ...daysOf(previous)];
}

/** One map's facts of its passages, each text read once (a wire corpus repeats its lines). */
export class ClaimFacts {
  private readonly byText = new Map<string, Fact[]>();
  private readonly days = new Map<number, Fact[]>();

  constructor(private readonly passages: readonly Passage[]) {}

  /** What ClaimComparer.eventFacts gives for the passage alone, its names without their contexts. */
  eventFacts(passage: Passage): Fact[] {
    return withDayBefore(this.factsOf(passage.text), [passage], this.passages, (previous) => this.daysOf(previous));
  }

  private factsOf(text: string): Fact[] {
    let facts = this.byText.get(text);
    if (!facts) {
      facts = extractFacts(text, { nameContexts: false, exactCounts: false });
      this.byText.set(text, facts);
    }
    return facts;
  }

  private daysOf(passage: Passage): Fact[] {
    let days = this.days.get(passage.id);
    if (!days) {
      days = extractDays(passage.text);
      this.days.set(passage.id, days);
    }
    return days;
  }
}
