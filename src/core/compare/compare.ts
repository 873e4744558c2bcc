/**
 * Compare: for a claim, the passage (or two adjacent passages) of every source of the story that
 * states it, or the finding that the source does not report it; the facts of each version, the
 * conflicts between them, and a word diff against a reference source.
 *
 * Candidates come from an inverted index of stems: only passages sharing the claim's rarest
 * content words are scored, so a comparison costs the same on five articles as on twenty thousand.
 */
import { runAtOnce, type Steps } from '../slices.js';
import type { Corpus, Passage } from '../types.js';
import { conflictsBySource, placedBeside, sharesUnit } from './conflicts.js';
import { samePerson } from './spellings.js';
import { withDayBefore } from './claimFacts.js';
import { withClaimDay } from './claimDay.js';
import { claimSpeaker, namesSpeaker } from './claimSpeaker.js';
import { extractFacts, isDayFact } from './facts.js';
import { StemWeights, claimSimilarity, union, weightedCoverage } from './similarity.js';
import { StemIndex } from './stemIndex.js';
import { doneVerbs, statesOnlyUnrealised } from './unrealised.js';
import type { Comparison, Fact, SourceVersion } from './types.js';
import { claimStems } from '../text/stems.js';
import { wordDiff } from '../text/wordDiff.js';

/**
 * At or above this similarity a source states the claim; below it, the source does not report it.
 * Calibrated on the hand alignment of the bundled corpus (npm run eval, thresholds 0.24-0.33
 * tried): 0.3 balances aligned-passage precision (0.95) and recall (0.93); unrelated passages of
 * the same story, which share "China", "Twitter", "accounts", mostly stay under it.
 */
export const CARRIED_THRESHOLD = 0.3;
/**
 * A carrier must also hold what distinguishes the claim within its story: this share of the
 * claim's weight with stems weighted by rarity in the story, not the corpus, and at least one of
 * the claim's stems that are rare in the story (in at most a tenth of its passages) when those
 * make up much of the claim. "Not a one defended Lieberman." shares the corpus-rare "Lieberman"
 * with "Lieberman is 75 years old", but in a story about Lieberman that word says nothing. Tuned
 * on the development set only (rare in 0.05-0.2 of the passages, coverage 0-0.4 tried;
 * carried/not-reported accuracy 0.879 -> 0.956).
 */
export const DISTINCTIVE_THRESHOLD = 0.3;
const RARE_IN_STORY = 0.1;
/** The rare words are required when they make up this share of the claim's story weight (0-0.5 tried: same on dev). */
const RARE_SHARE = 0.4;
/** The rarest stems of a claim that pick candidates; more only adds common words. */
const SEED_STEMS = 8;
/** At most this many candidate passages are scored. */
const MAX_CANDIDATES = 400;

export interface CompareOptions {
  /** The story to compare within; defaults to the story of `passageId`, else the whole corpus. */
  story?: string | null;
  /** The source to diff the others against; defaults to the source of `passageId`, else the best. */
  reference?: string;
  /** The passage the claim came from: its own source carries it there. */
  passageId?: number;
}

interface Window {
  passages: Passage[];
  similarity: number;
  /** Similar enough, and holding what distinguishes the claim in its story. */
  carries: boolean;
  /** Why a window close enough in words does not state the claim: who it names, or a figure it lacks. */
  unmet?: string;
  /** For a claim with a day: whether the window gives one (its own or the sentence's before). */
  givesDay?: boolean;
}

/** The people facts name, each spelling once. */
function personNames(facts: readonly Fact[]): string[] {
  return [...new Set(facts.filter((fact) => fact.kind === 'name' && fact.person === true).map((fact) => fact.value))];
}

/** Do two figures count the same thing: a unit in common, and for ages the same person where both are known? */
function sameQuantity(a: Fact, b: Fact): boolean {
  return sharesUnit(a, b) && (!(a.unit ?? []).includes('age') || a.of === undefined || b.of === undefined || a.of === b.of);
}

export class ClaimComparer {
  readonly corpus: Corpus;
  readonly weights: StemWeights;
  /** Every passage's stems, and each stem's passages (claims.ts reads it as integers). */
  readonly stemIndex: StemIndex;
  private readonly factCache = new Map<string, Fact[]>();

  /** `stemIndex`: the corpus's stem index, when already built (see build). */
  constructor(corpus: Corpus, stemIndex: StemIndex = runAtOnce(StemIndex.build(corpus))) {
    this.corpus = corpus;
    this.stemIndex = stemIndex;
    this.weights = stemIndex.weights;
  }

  /**
   * The comparer, built in slices (run it with runInSlices): on 150,000 passages the stem index
   * takes about a second, unless `stemIndex` (the cache's, or one being built) brings it.
   */
  static *build(corpus: Corpus, stemIndex: Steps<StemIndex> = StemIndex.build(corpus)): Steps<ClaimComparer> {
    return new ClaimComparer(corpus, yield* stemIndex);
  }

  stemsOf(passageId: number): ReadonlySet<string> {
    return passageId >= 0 && passageId < this.corpus.passages.length ? this.stemIndex.stemsOf(passageId) : new Set();
  }

  storyOf(passageId: number): string | null {
    return this.corpus.passages[passageId]?.story ?? null;
  }

  /** The sources of a story (every source when the corpus has no stories), in corpus order. */
  sourcesOf(story: string | null): string[] {
    return this.corpus.documents.filter((document) => story === null || document.story === story).map((document) => document.source);
  }

  factsOf(text: string): Fact[] {
    let facts = this.factCache.get(text);
    if (!facts) {
      facts = extractFacts(text);
      if (this.factCache.size < 10_000) this.factCache.set(text, facts);
    }
    return facts;
  }

  /** Passages sharing the claim's rarest stems, most shared weight first. */
  candidates(stems: ReadonlySet<string>, story: string | null): number[] {
    const seeds = [...stems]
      .filter((stem) => this.stemIndex.idOf(stem) !== undefined)
      .sort((a, b) => this.weights.documentFrequency(a) - this.weights.documentFrequency(b))
      .slice(0, SEED_STEMS);
    const shared = new Map<number, number>();
    for (const stem of seeds) {
      const weight = this.weights.weight(stem);
      for (const id of this.stemIndex.passagesWith(stem)) {
        if (story !== null && this.corpus.passages[id]!.story !== story) continue;
        shared.set(id, (shared.get(id) ?? 0) + weight);
      }
    }
    return [...shared.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, MAX_CANDIDATES)
      .map(([id]) => id);
  }

  /** The claim's stems weighted by how rare each is among the story's passages. */
  storyWeights(stems: ReadonlySet<string>, story: string | null): StemWeights {
    if (story === null) return this.weights;
    const inStory = this.storyPassageCount(story);
    const weights = new StemWeights();
    weights.set(inStory, new Map([...stems].map((stem) => [stem, this.storyFrequency(stem, story)])));
    return weights;
  }

  private readonly storySizes = new Map<string, number>();

  private storyPassageCount(story: string): number {
    let count = this.storySizes.get(story);
    if (count === undefined) {
      count = this.corpus.passages.reduce((sum, passage) => sum + (passage.story === story ? 1 : 0), 0);
      this.storySizes.set(story, count);
    }
    return count;
  }

  private storyFrequency(stem: string, story: string): number {
    let count = 0;
    for (const id of this.stemIndex.passagesWith(stem)) if (this.corpus.passages[id]!.story === story) count++;
    return count;
  }

  /**
   * The facts of the event a window states: its own, with the days of the sentence before when it
   * gives none (withDayBefore), and the age its source gives elsewhere of a person it names
   * ("Smith was charged" after "Police arrested John Smith, 60,"): an age belongs to the person,
   * not to a sentence, and the claim's carriers name the person without repeating it.
   */
  eventFacts(window: readonly Passage[]): Fact[] {
    const facts = this.factsOf(window.map((passage) => passage.text).join(' '));
    const withDays = withDayBefore(facts, window, this.corpus.passages, (previous) => this.factsOf(previous.text).filter(isDayFact));
    return [...withDays, ...this.agesOfNamed(withDays, window)];
  }

  /** Ages the window's document gives of the people the window names, when the window gives none. */
  private agesOfNamed(facts: readonly Fact[], window: readonly Passage[]): Fact[] {
    if (facts.some((fact) => fact.unit?.includes('age'))) return [];
    const named = new Set(facts.filter((fact) => fact.kind === 'name').map((fact) => fact.value.split(/\s+/).pop()!.replace(/['’]s$/, '').toLowerCase()));
    if (named.size === 0) return [];
    const ages = new Map<string, Fact>();
    for (const passage of this.documentOf(window[0]!)) {
      for (const fact of this.factsOf(passage.text)) if (fact.of !== undefined && named.has(fact.of) && !ages.has(fact.of)) ages.set(fact.of, fact);
    }
    return [...ages.values()];
  }

  /**
   * The people of the comparison a window does not name, as its paragraph names them: a quote's
   * last sentence ("This is the biggest victim of false information.") carries the claim, the
   * sentence before it names the speaker ("said Chinese spokesman Hua Chuning"), and how a
   * source spells the person is part of its version. Only the window's own paragraph is read: a
   * paragraph keeps to one event, as withDayBefore assumes for days.
   */
  private peopleNamedAround(facts: readonly Fact[], window: readonly Passage[], people: readonly string[]): Fact[] {
    const own = personNames(facts);
    const missing = people.filter((person) => !own.some((name) => samePerson(name, person)));
    if (missing.length === 0) return [];
    const first = window[0]!;
    const inWindow = new Set(window.map((passage) => passage.id));
    const found: Fact[] = [];
    for (const passage of this.documentOf(first)) {
      if (passage.paragraph !== first.paragraph || inWindow.has(passage.id)) continue;
      for (const fact of this.factsOf(passage.text)) {
        if (fact.kind !== 'name' || fact.person !== true) continue;
        const index = missing.findIndex((person) => samePerson(fact.value, person));
        if (index < 0) continue;
        found.push(fact);
        missing.splice(index, 1);
      }
    }
    return found;
  }

  /** The passages of a passage's document (a document's passages are consecutive). */
  private documentOf(passage: Passage): Passage[] {
    const passages = this.corpus.passages;
    let first = passage.id;
    while (first > 0 && passages[first - 1]!.source === passage.source) first--;
    let end = passage.id + 1;
    while (end < passages.length && passages[end]!.source === passage.source) end++;
    return passages.slice(first, end);
  }

  /**
   * Whether a window gives a figure of what the claim's figures count (any value: a different one
   * is a conflict, not an absence), made once a claim. A claim with a figure ("The BlackBerry Q10 is
   * priced from $119.99") is not carried by a sentence of its words without one ("T-Mobile did not
   * give the Q10's price").
   */
  private figureTest(figures: readonly Fact[]): (window: readonly Passage[]) => boolean {
    // The same figure however written around ("75-year-old", "magnitude-5.6"), or another figure of the same thing.
    const written = figures
      .map((fact) => /\d[\d,.]*\d|\d/.exec(fact.text)?.[0])
      .filter((digits): digits is string => digits !== undefined)
      .map((digits) => new RegExp(`(?<![\\d.,])${digits.replace(/[.,]/g, '\\$&')}(?![\\d]|[.,]\\d)`));
    return (window) =>
      window.some(
        (passage) =>
          written.some((digits) => digits.test(passage.text)) ||
          this.factsOf(passage.text).some((fact) => fact.kind === 'number' && figures.some((figure) => sameQuantity(figure, fact))),
      );
  }

  /** Whether a window gives a day (a weekday or a date), its own or the sentence's before it (withDayBefore). */
  private statesDay(window: readonly Passage[]): boolean {
    const own = window.flatMap((passage) => this.factsOf(passage.text).filter(isDayFact));
    return withDayBefore(own, window, this.corpus.passages, (previous) => this.factsOf(previous.text).filter(isDayFact)).length > 0;
  }

  /** For a typed claim in a corpus of stories: the story of the passage closest to it. */
  private likelyStory(stems: ReadonlySet<string>): string | null {
    if (this.corpus.stories.length === 0) return null;
    let best: { story: string | null; similarity: number } = { story: null, similarity: 0 };
    for (const id of this.candidates(stems, null).slice(0, 50)) {
      const similarity = claimSimilarity(stems, this.stemsOf(id), this.weights);
      if (similarity > best.similarity) best = { story: this.corpus.passages[id]!.story, similarity };
    }
    return best.story;
  }

  /**
   * The best window (a passage, or it and a neighbour of the same source) for each source;
   * `speaker`, the name of the person the claim says spoke, must be named there (claimSpeaker.ts).
   */
  private bestWindows(claim: string, claimFacts: readonly Fact[], stems: ReadonlySet<string>, story: string | null): Map<string, Window> {
    const speaker = claimSpeaker(claim);
    // An age before a name ("the shooting death of 10-year-old Kathina Thomas") describes the person, and carriers may leave it out;
    // a count spelled out ("three houses away") is often loose, and a carrier may say it otherwise ("a few doors").
    const figures = claimFacts.filter((fact) => fact.kind === 'number' && /\d/.test(fact.text) && !(fact.unit?.includes('age') === true && fact.text.includes('-')));
    const statesFigure = this.figureTest(figures);
    const done = doneVerbs(claim);
    const claimHasDay = claimFacts.some(isDayFact);
    const best = new Map<string, Window>();
    const passages = this.corpus.passages;
    const distinctive = this.storyWeights(stems, story);
    const storySize = story === null ? this.weights.passages : this.storyPassageCount(story);
    const rareCandidates = [...stems].filter((stem) => distinctive.documentFrequency(stem) <= Math.max(2, storySize * RARE_IN_STORY));
    const storyTotal = [...stems].reduce((sum, stem) => sum + distinctive.weight(stem), 0);
    const rareTotal = rareCandidates.reduce((sum, stem) => sum + distinctive.weight(stem), 0);
    // Only words that make up much of what distinguishes the claim must be there ("withdrew" in
    // "The Angels withdrew their offer"), not one rare verb a paraphrase replaces ("made" an offer).
    const rare = new Set(storyTotal > 0 && rareTotal / storyTotal >= RARE_SHARE ? rareCandidates : []);
    const consider = (window: Passage[]): void => {
      const windowStems = window.length === 1 ? this.stemsOf(window[0]!.id) : union(this.stemsOf(window[0]!.id), this.stemsOf(window[1]!.id));
      const similarity = claimSimilarity(stems, windowStems, this.weights);
      // Sharing only the story's common words is no evidence that a window states the claim.
      const holdsRare = rare.size === 0 || [...rare].some((stem) => windowStems.has(stem));
      const worded = similarity >= CARRIED_THRESHOLD && holdsRare && weightedCoverage(stems, windowStems, distinctive) >= DISTINCTIVE_THRESHOLD;
      const unmet = !worded
        ? undefined
        : speaker !== null && !namesSpeaker(speaker, window, passages)
          ? `does not name ${speaker.join(' ')}`
          : figures.length > 0 && !statesFigure(window)
            ? `gives no figure for ${figures.map((fact) => fact.text).join(', ')}`
            : done.size > 0 && statesOnlyUnrealised(done, window.map((passage) => passage.text).join(' '))
              ? 'has it only as planned, expected or possible'
              : undefined;
      const carries = worded && unmet === undefined;
      // Of two carrying windows, the one giving a day when the claim has one: where the source states the event's day, its conflicts are.
      const givesDay = carries && claimHasDay && this.statesDay(window);
      const source = window[0]!.source;
      const current = best.get(source);
      const better =
        !current ||
        (carries && !current.carries) ||
        (carries === current.carries && (givesDay !== (current.givesDay ?? false) ? givesDay : similarity > current.similarity));
      if (better) best.set(source, { passages: window, similarity, carries, ...(unmet ? { unmet } : {}), ...(givesDay ? { givesDay } : {}) });
    };
    for (const id of this.candidates(stems, story)) {
      const passage = passages[id]!;
      consider([passage]);
      // A claim one source states in two sentences: try each neighbour in the same document.
      const previous = passages[id - 1];
      const next = passages[id + 1];
      if (previous?.source === passage.source) consider([previous, passage]);
      if (next?.source === passage.source) consider([passage, next]);
    }
    return best;
  }

  compare(claim: string, options: CompareOptions = {}): Comparison {
    const anchor = options.passageId === undefined ? undefined : this.corpus.passages[options.passageId];
    const stems = claimStems(claim);
    const story = options.story !== undefined ? options.story : anchor ? anchor.story : this.likelyStory(stems);
    const claimFacts = extractFacts(claim);
    const windows = this.bestWindows(claim, claimFacts, stems, story);
    if (anchor && (story === null || anchor.story === story)) windows.set(anchor.source, { passages: [anchor], similarity: 1, carries: true });

    const versions: SourceVersion[] = this.sourcesOf(story).map((source) => {
      const window = windows.get(source);
      const carried = window !== undefined && window.carries;
      const text = carried ? window.passages.map((passage) => passage.text).join(' ') : '';
      return {
        source,
        carried,
        passages: carried ? window.passages : [],
        text,
        similarity: Math.round((window?.similarity ?? 0) * 1000) / 1000,
        ...(!carried && window?.unmet !== undefined ? { unmet: window.unmet } : {}),
        facts: carried ? this.eventFacts(window.passages) : [],
        conflicts: [],
        diff: [],
      };
    });
    const carriers = versions.filter((version) => version.carried);
    const people = personNames([...claimFacts, ...carriers.flatMap((version) => version.facts)]);
    for (const version of carriers) version.facts.push(...this.peopleNamedAround(version.facts, version.passages, people));
    const checked = withClaimDay(claimFacts, carriers.map((version) => version.facts));
    const conflicts = conflictsBySource(carriers.map((version, index) => ({ source: version.source, facts: checked[index]! })));
    for (const version of carriers) version.conflicts = (conflicts.get(version.source) ?? []).map((conflict) => placedBeside(conflict, version.text));
    const reference =
      carriers.find((version) => version.source === options.reference) ??
      carriers.find((version) => version.source === anchor?.source) ??
      [...carriers].sort((a, b) => b.similarity - a.similarity)[0];
    if (reference) {
      for (const version of carriers) if (version !== reference) version.diff = wordDiff(reference.text, version.text);
    }
    const rank = (version: SourceVersion): number => (version === reference ? 2 : version.carried ? 1 : 0);
    versions.sort((a, b) => rank(b) - rank(a) || b.similarity - a.similarity);
    return { claim, story, reference: reference?.source ?? null, sources: versions };
  }
}
