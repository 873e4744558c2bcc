/** What Compare and the claims map answer: how each source states a claim, and what differs. */
import type { DiffPart } from '../text/wordDiff.js';
import type { Passage } from '../types.js';

export type { DiffPart };

export type FactKind = 'number' | 'date' | 'weekday' | 'name' | 'label';

/** A checkable fact in a passage: "more than 170,000", "Thursday", "Hua Chunying", “amplifier”. */
export interface Fact {
  kind: FactKind;
  /** As written in the passage. */
  text: string;
  /** Normalised for comparison: the number's value, the weekday's name, the name's words. */
  value: string;
  /** The qualifier of a number ("more than", "about"), or '' when it has none. */
  qualifier: string;
  /** Content stems of the words around the fact (before a label): which slot it fills. */
  context: string[];
  /** Numbers: what is counted ('$', '%', 'age', or the stems of the words after the number). */
  unit?: string[];
  /** Weekdays and dates: the name nearest before (or just after) it, its words lowercase: who acts then ('' when none). */
  actor?: string;
  /** Weekdays and dates: the common words within three of them (what happened then: "sentenced", "primary"). */
  near?: string[];
  /** Weekdays and dates: the day a report was made ("his lawyer said Monday"), not the day of what it reports. */
  reported?: boolean;
  /** A typed claim's day or month as this carrier gives it (claimDay.ts): a month without a day is compared only so. */
  ofClaim?: boolean;
  /** Numbers: the unit of the last written digit ("700,000": 100000; "$43 million": 1000000). */
  precision?: number;
  /** Numbers: written as a round figure ("$43 million", "700,000"), so possibly rounded or cut. */
  rounded?: boolean;
  /** Numbers: the years their passage names (the time frame of the figure). */
  years?: string[];
  /** Ages: the last name of the person they are the age of, lowercase, when it stands next to them ("Smith, 60,"). */
  of?: string;
  /** Distances: the place they are measured from, lowercase ("healdsburg" in "14 miles north of Healdsburg"). */
  from?: string;
  /** Numbers: a record or mark ("the record of 4,051 yards"), compared only with records. */
  record?: boolean;
  /** Names: whether the passage shows it as a person's (a title, "said", a first and last name). */
  person?: boolean;
}

export type ConflictKind = 'number' | 'qualifier' | 'weekday' | 'date' | 'spelling' | 'label';

/** This source's value where the reference (or the other sources) say something else. */
export interface Conflict {
  kind: ConflictKind;
  /** What this source says. */
  value: string;
  /** What the other sources say instead. */
  others: string[];
  /** In the claims map: the source that says `value`. */
  source?: string;
  /** Every value of the slot and the sources stating it, most sources first. */
  holders?: ConflictHolder[];
  /** The value most of the carrying sources state, or null when no value has more sources than every other. */
  majority?: string | null;
  /**
   * Compare: this source states its value beside the lines shown, not in them (the speaker named in
   * the paragraph, the day in the sentence before, an age given earlier in the article).
   */
  besideLines?: boolean;
}

export interface ConflictHolder {
  value: string;
  sources: string[];
}


export interface SourceVersion {
  source: string;
  /** Whether this source states the claim (similarity at or above the calibrated threshold). */
  carried: boolean;
  /** The passage(s) stating it: one sentence, or two adjacent ones. Empty when not carried. */
  passages: Passage[];
  /** The passages' text joined (empty when not carried). */
  text: string;
  /** 0..1: how close the best passage (window) of this source is to the claim. */
  similarity: number;
  /**
   * When not carried though the closest passage is close enough in words: why it does not state
   * the claim ("does not name DeMint", "gives no figure for $119.99", "has it only as planned,
   * expected or possible").
   */
  unmet?: string;
  facts: Fact[];
  conflicts: Conflict[];
  /** Against the reference version; empty for the reference itself and for sources not carrying it. */
  /** Word by word: insert = only in this source, delete = only in the reference. */
  diff: DiffPart[];
}

export interface Comparison {
  claim: string;
  /** The story compared within, or null for a corpus without sub-folders. */
  story: string | null;
  /** The source the others are diffed against, or null when no source carries the claim. */
  reference: string | null;
  /** Every source of the story: the reference first, then carriers by similarity, then the rest. */
  sources: SourceVersion[];
}

export interface Claim {
  /** 1-based, in the order of the map (most sources first). */
  id: number;
  /** The text of the claim's first passage: what the claim says. */
  summary: string;
  story: string | null;
  /** The passage that represents the claim (Compare opens on it). */
  anchor: Passage;
  /** For each source carrying it, the 1-based lines of its passages. */
  sources: Record<string, number[]>;
  /** Conflicts between the carrying sources' facts. */
  conflicts: Conflict[];
}

export interface ClaimsMap {
  story: string | null;
  /** Every source of the story, in corpus order: the matrix's columns. */
  sources: string[];
  /** Sorted by how many sources carry each, then by first appearance. */
  claims: Claim[];
}
