/**
 * A typed claim's day. A claim that names the weekday of its event ("the debate was held on a
 * Thursday") makes each carrier's one weekday the day of that event, whatever words stand around
 * it: "The face-off Thursday night" and "The vice presidential debate on Tuesday" share no word
 * near their days, yet both give the day of the debate. Those weekdays are compared as one slot.
 * A source with two weekdays, or none, abstains: which one is the claim's is not known. So does
 * the day of a report ("As HuffPost reported Wednesday") against a claim of another actor's.
 * Dates are left to the words around them: a source's one date is as often its dateline or
 * another event's ("killed on June 24" beside a claim of the June 20 shooting). A month without a
 * day ("expected to be available in June" / "later on in May") is compared only so, as a claim's.
 */
import { sharesActor } from './conflicts.js';
import { isMonthOnly } from './facts.js';
import type { Fact } from './types.js';

/** The context every carrier's claim weekday or month is given: a pair of stems no text holds. */
const CLAIM_DAY = ['\u0000claim day', '\u0000claim day of the event'];

/**
 * Whether a carrier's fact can be the claim's weekday (or month): of the same kind, of a report
 * only for a report's, of the same actor, and of the same happening: the claim's own day ("The
 * face-off Thursday night"), or a common word right around the carrier's day among the words
 * around the claim's ("The vice presidential debate on Tuesday"); not another day of another
 * event ("fired from Gordon Advisors on Thursday" beside "the Monday morning shootings at Gordon
 * Advisors", "halted on Sunday" beside "resumed Monday morning"). A month is read with the words
 * around it, a weekday with its nearest common words only: weekdays of other events stand closer.
 */
function fills(claimDay: Fact, fact: Fact): boolean {
  if (fact.kind !== claimDay.kind || isMonthOnly(fact) !== isMonthOnly(claimDay)) return false;
  const unnamed = !claimDay.actor || !fact.actor;
  const around = isMonthOnly(fact) ? fact.context : (fact.near ?? []);
  const aboutIt = fact.value === claimDay.value || around.some((stem) => claimDay.context.includes(stem));
  return aboutIt && (fact.reported === true) === (claimDay.reported === true) && (unnamed || sharesActor(claimDay, fact));
}

/**
 * Each carrier's facts, its one weekday (and its one month) that can be the claim's marked as the
 * claim's (its context and actor made the slot's, `ofClaim` set), the rest as they are. For the
 * conflict check only: the facts shown are the carrier's own.
 */
export function withClaimDay(claimFacts: readonly Fact[], carriers: readonly (readonly Fact[])[]): Fact[][] {
  let marked = carriers.map((facts) => [...facts]);
  for (const ofSlot of [(fact: Fact): boolean => fact.kind === 'weekday', isMonthOnly]) {
    const claimed = claimFacts.filter(ofSlot);
    if (claimed.length !== 1) continue;
    const [claimDay] = claimed as [Fact];
    marked = marked.map((facts) => {
      const candidates = facts.filter((fact) => fills(claimDay, fact));
      if (candidates.length !== 1) return facts;
      return facts.map((fact) => (fact === candidates[0] ? { ...fact, context: CLAIM_DAY, actor: '', ofClaim: true } : fact));
    });
  }
  return marked;
}
