/** The quote model: quotation spans found in documents, their speakers, and cross-source groups. */

/** A statement is a clause or more; a term is a scare-quoted label of a few words ("amplifier"). */
export type QuoteKind = 'statement' | 'term';

/** Repairs made while reading the quotation marks, so a damaged quote is shown as such. */
export type MarkDamage =
  /** The quote never closes: it ends at its paragraph's end. */
  | 'unclosed'
  /** An opening mark stands where the closing one belongs (`… propagate them. “`). */
  | 'opener-as-closer'
  /** A closing mark stands where the opening one belongs (`”Many tweets …`). */
  | 'closer-as-opener';

/** Where a quotation sits in its document's normalised text. */
export interface QuoteSpan {
  /** Offset of the first character inside the opening mark. */
  start: number;
  /** Offset just past the last character before the closing mark (or the paragraph's end). */
  end: number;
  /** The quoted words: marks, paragraph breaks and reopening marks removed, spaces collapsed. */
  text: string;
  /** Offset of the opening mark. */
  openMark: number;
  /** Offset of the closing mark, or null when the quote is unclosed. */
  closeMark: number | null;
  /** The quote continued over paragraph breaks (the closing mark left off, the next paragraph reopened). */
  paragraphs: number;
  damage: MarkDamage[];
}

/** How the speaker was found: the pattern, and the words in the text that say so. */
export interface SpeakerEvidence {
  pattern:
    | 'said-name' // "…," said X
    | 'name-said' // "…," X said
    | 'name-before' // X said: "…" / X told reporters, "…" / X said that … "…"
    | 'according-to' // according to X
    | 'pronoun' // "…," she said -> the last named speaker
    | 'follow-on' // an unattributed quote after a quote (or reported speech) of a named speaker
    | 'subject'; // the named subject of the sentence reporting the quote
  /** The attribution words as written ("said Hua", "she said", "Hua continued"). */
  text: string;
  /** The name as written in this source, before resolving a surname to the full name. */
  written: string;
}

/** One quotation in one source. */
export interface Quote {
  /** Position in the QuoteSet's quotes. */
  id: number;
  source: string;
  story: string | null;
  /** 1-based line of the opening mark. */
  line: number;
  span: QuoteSpan;
  text: string;
  /** The speaker's full name as this article gives it, or null when the text does not say. */
  speaker: string | null;
  speakerEvidence: SpeakerEvidence | null;
  /** With no speaker, why the text gives none when it says ("vague source: one official said"); else null. */
  speakerAbstention: string | null;
  kind: QuoteKind;
  /** The sentence (or sentences) holding the quote and its attribution, for context. */
  attribution: string;
}

/** How a member's words relate to its group's reference. */
export type QuoteRelation = 'verbatim' | 'trimmed' | 'altered';

export interface QuoteMember {
  quote: Quote;
  /** Word overlap with the reference, 0 to 1 (1 for the reference itself). */
  similarity: number;
  relation: QuoteRelation;
  /** The speaker as named here differs in spelling from the name the other sources use. */
  speakerVariant: boolean;
}

/** The same quotation as carried by one or more sources. */
export interface QuoteGroup {
  id: number;
  /** The member the others are compared with: the fullest version of the quotation. */
  reference: Quote;
  members: QuoteMember[];
  /** The speaker's name as most sources spell it, or null when no member names one. */
  speaker: string | null;
  /** A statement when any member is one. */
  kind: QuoteKind;
  /** Distinct sources carrying the quotation. */
  sources: number;
}
