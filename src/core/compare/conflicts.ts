/**
 * Where sources disagree: the same slot (a weekday, a date, a count, a label, a person's name)
 * with values that cannot both be true. Sources are checked against each other only where they
 * state the same thing, and only incompatible values count:
 * - weekdays and dates are compared only between facts about the same event: the words around
 *   them share a content word ("the House voted Wednesday" / "the House passed it on Tuesday");
 * - numbers only when they count the same thing (money, a percentage, an age, the same noun)
 *   and their ranges cannot meet: "$43 million", "nearly $44 million" and "$43,885,310" are one
 *   figure rounded; "more than 170,000" agrees with "170,000";
 * - names after normalising case, apostrophes and possessives, not a word and its derivation
 *   ("Russia"/"Russian", "Democrats"/"Democratic"), and only between people: one letter
 *   separates a city from a team as often as a misspelling from a name;
 * - quoted labels only when they fill the same slot (the words before them; two of them for labels
 *   with no word in common) and neither holds the other.
 * A conflict names each value with the sources stating it, and the majority value when there is one.
 */
import { claimStems } from '../text/stems.js';
import { labelWords, normaliseName, sameLabelWord, sameNamed, stemOf } from './spellings.js';
import type { Conflict, ConflictHolder, Fact, FactKind } from './types.js';

/** The facts one carrying source states. */
export interface SourceFacts {
  source: string;
  facts: readonly Fact[];
}

/** One slot on which the carrying sources disagree. */
export interface SlotConflict {
  kind: Conflict['kind'];
  /** Each value and its sources, most sources first. */
  holders: ConflictHolder[];
  /** The value held by more sources than any other, or null. */
  majority: string | null;
  /** Sources stating only one of the values (a source giving both disagrees with no one). */
  exclusive: Map<string, string>;
}

function sharesContext(a: Fact, b: Fact): boolean {
  return a.context.some((stem) => b.context.includes(stem));
}

/** Whether two days' actors, both named, share a word ("Twitter" and "Twitter Inc"). */
export function sharesActor(a: Fact, b: Fact): boolean {
  const wordsB = (b.actor ?? '').split(' ');
  return a.actor !== undefined && a.actor !== '' && b.actor !== undefined && b.actor !== '' && a.actor.split(' ').some((word) => wordsB.includes(word));
}

/**
 * Two days are about the same event when the same actor is named at both ("Twitter Thursday
 * said" / "On Friday, Twitter said"), when the one actor named is among the words around the
 * other, or, where no name is near either, when two words around them match.
 * Different actors ("the Senate committee said Tuesday" / "the House committee will, said on
 * Wednesday") are different events, however alike the passages.
 */
function sameEvent(a: Fact, b: Fact): boolean {
  // "His lawyer said Monday" reports on another day than "he was fired Friday".
  if ((a.reported === true) !== (b.reported === true)) return false;
  const actorA = a.actor ?? '';
  const actorB = b.actor ?? '';
  // "Twitter" and "Twitter Inc", "Harbor Ferry Company" and "Company": one actor, and one act: two
  // reports, or words in common right around the days ("Sanders said Thursday" is not "Sanders …
  // next Tuesday's primary").
  if (actorA !== '' && actorB !== '') {
    const oneAct = a.reported === true || (a.near ?? []).some((stem) => (b.near ?? []).includes(stem));
    return oneAct && sharesActor(a, b);
  }
  const shared = a.context.filter((stem) => b.context.includes(stem));
  // One side names its actor: the other must have that name among the words around its day.
  const named = actorA || actorB;
  if (named !== '') return named.split(' ').some((word) => shared.includes(stemOf(word)));
  return shared.length >= 2;
}

/** The range a number allows: its qualifier, or the rounding its written precision implies. */
function range(fact: Fact): [number, number] {
  const value = Number.parseFloat(fact.value);
  const precision = fact.precision ?? 1;
  switch (fact.qualifier) {
    case 'more than':
    case 'over':
    case 'just over':
      return [value + precision * 1e-9, Number.POSITIVE_INFINITY];
    case 'at least':
      return [value, Number.POSITIVE_INFINITY];
    case 'less than':
    case 'fewer than':
    case 'under':
    case 'just under':
      return [Number.NEGATIVE_INFINITY, value - precision * 1e-9];
    case 'up to':
      return [Number.NEGATIVE_INFINITY, value];
    case 'nearly':
    case 'almost':
      return [value - Math.max(precision, value * 0.1), value];
    case 'about':
    case 'around':
    case 'some':
    case 'roughly':
    case 'approximately': {
      // A figure written exactly ("about 20 payments") allows what "nearly" does around it.
      const slack = precision === 1 ? Math.max(0.5, value * 0.1) : precision / 2;
      return [value - slack, value + slack];
    }
    default:
      // A round figure may be rounded ("$43 million" for 43.4) or cut ("$43 million" for 43.9), and so may
      // whole dollars ("$99" for a price of $99.99); other figures only rounded.
      return fact.rounded || (precision === 1 && fact.unit?.includes('$') === true) ? [value - precision / 2, value + precision] : [value - precision / 2, value + precision / 2];
  }
}

/** Do two figures count the same thing (money, a percentage, an age, the same noun after them)? */
export function sharesUnit(a: Fact, b: Fact): boolean {
  return (a.unit ?? []).some((unit) => (b.unit ?? []).includes(unit));
}

/** The conflict as shown beside `shownText`, the lines of its source: marked when its value is not among them. */
export function placedBeside(conflict: Conflict, shownText: string): Conflict {
  return shownText.toLowerCase().includes(conflict.value.toLowerCase()) ? conflict : { ...conflict, besideLines: true };
}

/** Whether two quoted labels share a content word ("mother ship" / "mother vessel"). */
function sharesLabelWord(a: string, b: string): boolean {
  const content = (label: string): string[] => labelWords(label.toLowerCase()).filter((word) => claimStems(word).size > 0);
  const wordsB = content(b);
  return content(a).some((word) => wordsB.some((other) => sameLabelWord(word, other)));
}

/** Two facts about the same slot (not yet whether they agree). */
function comparable(kind: FactKind, a: Fact, b: Fact): boolean {
  switch (kind) {
    case 'weekday':
      return sameEvent(a, b);
    case 'date':
      // A month without a day only as a typed claim's (claimDay.ts); a bare year is not the same slot as a day of the month.
      if (a.ofClaim === true && b.ofClaim === true) return true;
      return /\s/.test(a.value) && /\s/.test(b.value) && sameEvent(a, b);
    case 'label':
      // The same words quoted by two sources are one slot wherever they stand. Two labels with no
      // word in common are two versions of one only where more than one word before them agrees
      // ("labelled two of them as “misleading”" / "labeled two of the tweets “unsubstantiated”"):
      // Paul Ryan said the amendment is “pretty clear” and the president “obviously” cannot end it.
      if (a.value === b.value) return true;
      return sharesLabelWord(a.value, b.value) ? sharesContext(a, b) : a.context.filter((stem) => b.context.includes(stem)).length >= 2;
    case 'number': {
      if (!sharesUnit(a, b)) return false;
      const units = a.unit ?? [];
      // Figures framed by different years ("for 2014" / "from 2007 through 2014") are different figures.
      const yearsA = (a.years ?? []).join(' ');
      const yearsB = (b.years ?? []).join(' ');
      if (yearsA !== '' && yearsB !== '' && yearsA !== yearsB) return false;
      // Ages are one slot only as one person's: "10-year-old Kathina Thomas" is not the age of the
      // "16-year-old" accused of killing her, nor of "a 10-year-old girl" some source leaves unnamed.
      if (units.includes('age') && (a.of !== undefined || b.of !== undefined) && a.of !== b.of) return false;
      // Distances from different places ("14 miles from Healdsburg" / "26 miles north of Santa Rosa"), or
      // from a place and not ("a depth of 12 miles"), are different distances.
      if (a.from !== b.from) return false;
      // The record a player broke is not the total that broke it ("Newton's record of 4,051" / "4,183 passing yards").
      if ((a.record === true) !== (b.record === true)) return false;
      const ratio = Number.parseFloat(a.value) / Number.parseFloat(b.value);
      // Counts of different sizes ("3" and "31" accounts) are different counts, not one disputed.
      return ratio > 0.5 && ratio < 2 && sharesContext(a, b);
    }
    case 'name':
      return a.person === true && b.person === true && sameNamed(normaliseName(a.value), normaliseName(b.value));
  }
}

/** A name's spelling as normaliseName gives it. */
type Spelling = (fact: Fact) => string;

/** normaliseName once per fact: a claim of 40 carriers puts hundreds of names side by side, pair by pair. */
function spellings(): Spelling {
  const made = new Map<Fact, string>();
  return (fact) => {
    let spelling = made.get(fact);
    if (spelling === undefined) made.set(fact, (spelling = normaliseName(fact.value)));
    return spelling;
  };
}

/** Whether placed facts i and j fill the same slot (comparable), each name's spelling made once. */
function slotTest(kind: FactKind, placed: readonly Placed[], spelling: Spelling): (i: number, j: number) => boolean {
  if (kind !== 'name') return (i, j) => comparable(kind, placed[i]!.fact, placed[j]!.fact);
  const names = placed.map(({ fact }) => (fact.person === true ? spelling(fact) : null));
  return (i, j) => {
    const a = names[i];
    const b = names[j];
    return a != null && b != null && sameNamed(a, b);
  };
}

function agree(kind: FactKind, a: Fact, b: Fact, spelling: Spelling): boolean {
  switch (kind) {
    case 'number': {
      if (a.value === b.value && a.qualifier === b.qualifier) return true;
      const [lowA, highA] = range(a);
      const [lowB, highB] = range(b);
      return lowA < highB && lowB < highA;
    }
    case 'date': {
      // "September 12" agrees with "September 12 2001".
      const [monthA, dayA, yearA] = a.value.split(' ');
      const [monthB, dayB, yearB] = b.value.split(' ');
      return monthA === monthB && dayA === dayB && (!yearA || !yearB || yearA === yearB);
    }
    case 'label': {
      const wordsA = labelWords(a.value);
      const wordsB = labelWords(b.value);
      // “coward” and “sniveling coward”: one quotes more of the same words; “microservers” and
      // “microserver”, “practicing” and “practising” are one word.
      const within = (inner: string[], outer: string[]): boolean => inner.every((word) => outer.some((other) => sameLabelWord(word, other)));
      return within(wordsA, wordsB) || within(wordsB, wordsA);
    }
    case 'name':
      return spelling(a) === spelling(b);
    case 'weekday':
      return a.value === b.value;
  }
}

function shown(kind: FactKind, fact: Fact): string {
  if (kind === 'weekday') return fact.value[0]!.toUpperCase() + fact.value.slice(1);
  if (kind === 'label') return fact.value;
  return fact.text;
}

interface Placed {
  source: string;
  fact: Fact;
}

interface ValueGroup {
  first: Fact;
  facts: Fact[];
  sources: Set<string>;
}

/** The slot's values: facts that agree with a value's first fact join it. */
function valueGroups(kind: FactKind, slot: readonly Placed[], spelling: Spelling): ValueGroup[] {
  const groups: ValueGroup[] = [];
  for (const { source, fact } of slot) {
    const group = groups.find((candidate) => agree(kind, candidate.first, fact, spelling));
    if (group) {
      group.facts.push(fact);
      group.sources.add(source);
    } else groups.push({ first: fact, facts: [fact], sources: new Set([source]) });
  }
  return groups;
}

/**
 * Values one source states side by side are different things, not rival versions of one: "23,750
 * core accounts and 150,000 amplifiers" in one source makes "about 150,000" in another a part of
 * "more than 170,000", not a disagreement with it. Such values count as one.
 */
function coHeldJoined(groups: ValueGroup[]): ValueGroup[] {
  const joined: ValueGroup[] = [];
  for (const group of groups) {
    const overlapping = joined.filter((other) => [...group.sources].some((source) => other.sources.has(source)));
    if (overlapping.length === 0) {
      joined.push({ first: group.first, facts: [...group.facts], sources: new Set(group.sources) });
      continue;
    }
    const [into, ...rest] = overlapping;
    for (const other of [group, ...rest]) {
      into!.facts.push(...other.facts);
      for (const source of other.sources) into!.sources.add(source);
    }
    for (const other of rest) joined.splice(joined.indexOf(other), 1);
  }
  return joined;
}

/** How the facts compared were read (facts.ts: FactReading). */
export interface ConflictReading {
  /**
   * Counts read exactly, as for a typed claim (default): a source's other figure then counts as
   * its also stating a value only when it is of the same thing ("24 payments of $20" does not also
   * say 20 payments). The claims map, reading counts loosely, takes any figure of the kind.
   */
  exactCounts?: boolean;
}

/** The slots of one kind on which the sources disagree. */
function kindConflicts(kind: FactKind, versions: readonly SourceFacts[], exactCounts: boolean): SlotConflict[] {
  const placed: Placed[] = versions.flatMap(({ source, facts }) => facts.filter((fact) => fact.kind === kind).map((fact) => ({ source, fact })));
  if (placed.length < 2) return [];
  // Slots: facts of different sources that compare, joined transitively.
  const parent = placed.map((_, index) => index);
  const find = (index: number): number => (parent[index] === index ? index : (parent[index] = find(parent[index]!)));
  const spelling = spellings();
  const sameSlot = slotTest(kind, placed, spelling);
  for (let i = 0; i < placed.length; i++) {
    for (let j = i + 1; j < placed.length; j++) {
      if (placed[i]!.source !== placed[j]!.source && sameSlot(i, j)) parent[find(i)] = find(j);
    }
  }
  const slots = new Map<number, Placed[]>();
  placed.forEach((entry, index) => {
    const root = find(index);
    const slot = slots.get(root);
    if (slot) slot.push(entry);
    else slots.set(root, [entry]);
  });
  const conflicts: SlotConflict[] = [];
  for (const slot of slots.values()) {
    if (new Set(slot.map((entry) => entry.source)).size < 2) continue;
    // Values: facts that agree with a value's first fact join it.
    const groups = coHeldJoined(valueGroups(kind, slot, spelling));
    if (groups.length < 2) continue;
    const exclusive = new Map<string, string>();
    const groupsOf = new Map<string, number[]>();
    groups.forEach((group, index) => {
      for (const source of group.sources) (groupsOf.get(source) ?? groupsOf.set(source, []).get(source)!).push(index);
    });
    // A source that also states another value anywhere ("170,000 in all") disagrees with no one (ConflictReading).
    const factsOf = new Map(versions.map((version) => [version.source, version.facts.filter((fact) => fact.kind === kind)]));
    const sameThing = (a: Fact, b: Fact): boolean => !exactCounts || kind !== 'number' || sharesUnit(a, b);
    for (const [source, indexes] of groupsOf) {
      const own = factsOf.get(source) ?? [];
      const alsoAgrees = groups.some((group, index) => !indexes.includes(index) && own.some((fact) => sameThing(group.first, fact) && agree(kind, group.first, fact, spelling)));
      if (indexes.length === 1 && !alsoAgrees) exclusive.set(source, shown(kind, groups[indexes[0]!]!.first));
    }
    // A disagreement needs two sources each holding only its own value.
    if (new Set(exclusive.values()).size < 2) continue;
    groups.sort((a, b) => b.sources.size - a.sources.size);
    const holders = groups.map((group) => ({ value: shown(kind, group.first), sources: [...group.sources] }));
    const majority = groups.length > 1 && groups[0]!.sources.size > groups[1]!.sources.size ? holders[0]!.value : null;
    const sameNumber = kind === 'number' && groups.every((group) => Number.parseFloat(group.first.value) === Number.parseFloat(groups[0]!.first.value));
    conflicts.push({ kind: sameNumber ? 'qualifier' : kind === 'name' ? 'spelling' : kind, holders, majority, exclusive });
  }
  return conflicts;
}

const KINDS: readonly FactKind[] = ['weekday', 'date', 'number', 'name', 'label'];

/** Every slot the carrying sources disagree on. */
export function slotConflicts(versions: readonly SourceFacts[], reading: ConflictReading = {}): SlotConflict[] {
  if (versions.length < 2) return [];
  return KINDS.flatMap((kind) => kindConflicts(kind, versions, reading.exactCounts ?? true));
}

/**
 * Each source's side of each disagreement: the sources that hold a minority value, or every
 * source holding a value of its own when no value has a majority.
 */
export function conflictsBySource(versions: readonly SourceFacts[], reading: ConflictReading = {}): Map<string, Conflict[]> {
  const bySource = new Map<string, Conflict[]>();
  for (const slot of slotConflicts(versions, reading)) {
    for (const [source, value] of slot.exclusive) {
      if (slot.majority !== null && value === slot.majority) continue;
      const conflict: Conflict = {
        kind: slot.kind,
        value,
        others: slot.holders.map((holder) => holder.value).filter((other) => other !== value),
        holders: slot.holders,
        majority: slot.majority,
      };
      (bySource.get(source) ?? bySource.set(source, []).get(source)!).push(conflict);
    }
  }
  return bySource;
}

/** This source's conflicts with the other sources carrying the same claim (`mine` is source 0). */
export function findConflicts(mine: readonly Fact[], others: readonly (readonly Fact[])[]): Conflict[] {
  if (others.length === 0) return [];
  const versions = [mine, ...others].map((facts, index) => ({ source: String(index), facts }));
  return (conflictsBySource(versions).get('0') ?? []).map(({ holders: _holders, majority: _majority, ...conflict }) => conflict);
}
