/**
 * Who the text is about, sentence by sentence, so that "he said" and an unattributed follow-on
 * quote find their speaker: a named person opening a sentence or reporting speech becomes the
 * referent of he/she; a sentence opening with he/she keeps them; another named speaker or subject
 * replaces them (carry-over never crosses a sentence naming someone else).
 */
import type { ParagraphSentences, Span } from '../sentences.js';
import { APPOSITION, WINDOW, verbsIn } from './cues.js';
import { FILLERS, mentionAfter, mentionBefore, sentenceSubject, type Mention } from './mentions.js';
import { isBareSurnameRole, isCapitalised, isNameWord, isOrganisation, tokenize, type Gender, type NameBook, type Token } from './names.js';

/** Sentence spans in document order with the index of their paragraph. */
export interface Sentence extends Span {
  paragraph: number;
}

export function sentencesOf(layout: readonly ParagraphSentences[]): Sentence[] {
  return layout.flatMap((paragraph, index) => paragraph.sentences.map((sentence) => ({ ...sentence, paragraph: index })));
}

/** Index of the sentence holding `offset` (the last one starting at or before it). */
export function sentenceAt(sentences: readonly Sentence[], offset: number): number {
  let low = 0;
  let high = sentences.length - 1;
  let found = 0;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (sentences[middle]!.start <= offset) {
      found = middle;
      low = middle + 1;
    } else high = middle - 1;
  }
  return found;
}

export interface Named {
  name: string;
  /** Index of the last sentence that names them or refers to them by he/she. */
  sentence: number;
}

/** Words after which a verb shares the sentence's subject: "X praised it, while saying …". */
const CLAUSE_LINKS = new Set(['and', 'while', 'but', 'then', 'also', 'before', 'after', 'when', 'as']);

/** Words an introductory clause may have before a he or she opening the sentence proper. */
const INTRODUCTION_REACH = 8;

/** Sentences a he/she may reach back to its referent (each sentence about them renews it). */
const PRONOUN_REACH = 3;

/** Index of the first token starting at or after `position` (binary search: a long sentence is read once). */
function firstTokenAtOrAfter(tokens: readonly Token[], position: number): number {
  let low = 0;
  let high = tokens.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (tokens[middle]!.start < position) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * The speaker named right before a verb in reported speech (an apposition skipped); else the
 * sentence's subject, which is who the sentence is about but not said to speak (`direct` false).
 */
/** A clause that ends with a (masked) quotation: the verb after it opens an inverted attribution. */
const QUOTE_BEFORE = /[_”"’][\s,”"’]*$/;

function clauseSpeaker(
  sentenceText: string,
  offset: number,
  verbAt: number,
  verbEnd: number,
  tokens: readonly Token[],
  knownWords: ReadonlySet<string>,
): { mention: Mention; direct: boolean } | null {
  const from = Math.max(0, verbAt - WINDOW);
  const clause = sentenceText.slice(from, verbAt);
  const clauseFirst = firstTokenAtOrAfter(tokens, offset + from);
  const tokensOf = (end: number): readonly Token[] => tokens.slice(clauseFirst, firstTokenAtOrAfter(tokens, offset + from + end));
  // "X praised novelist Y, saying …": the participle is X's, and Y is only who was praised.
  const participle = /,\s*$/.test(clause) && /ing$/i.test(sentenceText.slice(verbAt, verbAt + 12).split(/\W/)[0] ?? '');
  const apposition = participle ? null : APPOSITION.exec(clause);
  const named = apposition ? mentionBefore(tokensOf(apposition.index), false) : null;
  if (named?.kind === 'name') return { mention: named, direct: true };
  const clauseTokens = tokensOf(clause.length);
  const mention = participle ? null : mentionBefore(clauseTokens, false);
  if (mention?.kind === 'name' || mention?.kind === 'pronoun') return { mention, direct: true };
  if (mention?.kind === 'vague') return null;
  // `“…,” said Senator X, Democrat of Y`: right after a quote the speaker follows the verb, and the
  // apposition after the comma is not the sentence's subject.
  if (mention === null && QUOTE_BEFORE.test(clause)) {
    const after = mentionAfter(tokens.slice(firstTokenAtOrAfter(tokens, offset + verbEnd)));
    if (after?.mention.kind === 'name') return { mention: after.mention, direct: true };
  }
  const subject = sentenceSubject(tokens, knownWords);
  if (!subject) return null;
  // "X praised the move, while saying …" is X speaking; in "X was on patrol, a ministry statement
  // said" the verb has a subject of its own, and X is only who the sentence is about.
  let leftAt = clauseTokens.length - 1;
  while (leftAt >= 0 && FILLERS.has(clauseTokens[leftAt]!.lower)) leftAt--;
  const left = clauseTokens[leftAt];
  const ownSubject = left !== undefined && !isCapitalised(left) && !CLAUSE_LINKS.has(left.lower) && !/[,;]\s*$/.test(clause);
  return { mention: subject, direct: !ownSubject };
}

/** "X issued a statement", "X released a written statement". */
const ISSUED_STATEMENT = /\b(?:issued|released|put out|sent|published)\s+(?:a|an)\s+(?:[a-z]+\s+)?statement\b/i;

/** Lower-case words inside a subject naming several people: "X of Oregon and Y", "X or Y". */
const SUBJECT_JOINS = new Set(['of', 'and', 'or']);

/** Whether the subject starting at offset `at` is one of several people joined by "and" ("X, Y and Z said"). */
function isCoordinated(tokens: readonly Token[], at: number): boolean {
  for (let index = tokens.findIndex((token) => token.start === at) + 1; index > 0 && index < tokens.length - 1; index++) {
    const token = tokens[index]!;
    if (!isCapitalised(token) && !SUBJECT_JOINS.has(token.lower)) return false;
    if (token.lower === 'and' && isNameWord(tokens[index + 1]!)) return true;
  }
  return false;
}

/** Nouns of writings that "it said" may stand for. */
const DOCUMENT_NOUNS = new Set('cable memo memorandum letter report document email e-mail study filing lawsuit complaint indictment ruling audit review survey poll editorial article'.split(' '));
const DOCUMENT_DETERMINERS = new Set(['the', 'a', 'an', 'this', 'that', 'its', 'his', 'her', 'their']);

/** Whether a sentence's subject is a document: "A cable sent in June …", "The State Department memo …". */
function opensWithDocument(tokens: readonly Token[]): boolean {
  if (!tokens[0] || !DOCUMENT_DETERMINERS.has(tokens[0].lower)) return false;
  for (let index = 1; index <= 4 && tokens[index] && !/[,;:]/.test(tokens[index]!.gap); index++) {
    if (DOCUMENT_NOUNS.has(tokens[index]!.lower)) return true;
  }
  return false;
}

const MALE_WORDS = new Set(['he', 'his', 'him', 'himself']);
const FEMALE_WORDS = new Set(['she', 'her', 'hers', 'herself']);

function genderOf(pronoun: string): Gender {
  return pronoun === 'he' ? 'male' : 'female';
}

function isHeOrShe(word: string): boolean {
  return word === 'he' || word === 'she';
}

/** Who the text is about, read sentence by sentence up to each quote. */
export class Referents {
  /** The last person named (for he/she). */
  person: Named | null = null;
  /** The last person or body named. */
  named: Named | null = null;
  /** The last one said to speak. */
  spoke: Named | null = null;
  /** Who last issued a statement ("X released a statement …"), for a later "the statement said". */
  private statementBy: Named | null = null;
  /** The last sentence whose subject is a document ("A cable sent in June was blunt"): a later "it" may be the document. */
  private documentAt = -1;
  /** Every person noted, for a he or she whose gender is not the last person's. */
  private readonly persons: Named[] = [];
  /** Who last spoke in each paragraph. */
  readonly paragraphSpeaker = new Map<number, string>();
  /** The speaker attribution gave the quote ending in each sentence. */
  private readonly quoteSpeakers = new Map<number, string>();
  private nextSentence = 0;

  constructor(
    /** The text with quoted words masked, so that nothing inside a quote reads as attribution. */
    private readonly masked: string,
    private readonly sentences: readonly Sentence[],
    private readonly names: NameBook,
    /** Capitalised words the article uses mid-sentence: names, not sentence openers. */
    readonly knownWords: ReadonlySet<string>,
  ) {}

  /** A quote's speaker as its attribution gave it, in the quote's last sentence. */
  noteQuoteSpeaker(name: string, sentence: number, paragraph: number): void {
    this.quoteSpeakers.set(sentence, name);
    this.note(name, sentence, paragraph, true);
  }

  note(name: string, sentence: number, paragraph: number, spoke: boolean): void {
    const named = { name, sentence };
    this.named = named;
    if (this.names.isPerson(name)) {
      this.person = named;
      this.persons.push(named);
    }
    if (spoke) {
      this.paragraphSpeaker.set(paragraph, name);
      this.spoke = named;
    }
  }

  /** The person or body a mention in sentence `sentence` stands for, or null. */
  resolve(mention: Mention, sentence: number): string | null {
    const { names } = this;
    // The capitals of a headline-style line run words together: a name there is trusted only if short.
    if (mention.kind === 'name') {
      if (names.inHeadline(mention.at) && mention.name.split(' ').length > 3) return null;
      const resolved = names.resolve(mention.name, mention.at);
      // "King said" with no Billy King in the article: a title, not a name.
      return isBareSurnameRole(resolved) ? null : resolved;
    }
    if (mention.kind === 'vague') return null;
    if (mention.kind === 'role') return names.roleHolder(mention.role, mention.at);
    const recent = (named: Named | null): string | null => (named && sentence - named.sentence <= PRONOUN_REACH ? named.name : null);
    const body = this.named && !names.isPerson(this.named.name) ? recent(this.named) : null;
    if (mention.kind === 'reference') return (mention.noun === 'statement' ? recent(this.statementBy) : null) ?? body;
    if (isHeOrShe(mention.pronoun)) return this.personFor(mention.pronoun, recent);
    // "A cable sent in June was blunt. “…,” it said": the cable, not the department named before it.
    if (mention.pronoun === 'it' && this.documentAt >= (this.named?.sentence ?? -1) && sentence - this.documentAt <= PRONOUN_REACH) return null;
    if (mention.pronoun === 'it' || mention.pronoun === 'they') return body;
    return null;
  }

  /** Whether the article makes `name` a person (a full name, or a surname or titled name it gave one). */
  isPerson(name: string): boolean {
    return this.names.isPerson(name);
  }

  /** Whether a he or she can stand for `name`: its gender is unknown or the pronoun's. */
  private fits(name: string, pronoun: string): boolean {
    const gender = this.names.genderOf(name);
    // A surname two people share ("Clinton") is a referent only when a title gives it the pronoun's gender ("Mrs. Clinton").
    if (this.names.isSharedSurname(name)) return gender === genderOf(pronoun);
    return gender === undefined || gender === genderOf(pronoun);
  }

  /**
   * He or she: the person the last sentences are about, unless the article's titles make them the
   * other gender ("Mr. X" and then "she said"); then the latest recent person of the pronoun's gender, else nobody.
   */
  private personFor(pronoun: string, recent: (named: Named | null) => string | null): string | null {
    const candidate = recent(this.person);
    if (candidate !== null && this.fits(candidate, pronoun)) this.names.learnGender(candidate, genderOf(pronoun));
    if (candidate === null || this.fits(candidate, pronoun)) return candidate;
    const wanted = genderOf(pronoun);
    for (let at = this.persons.length - 1; at >= 0; at--) {
      const named = this.persons[at]!;
      // Of two people of one surname, the pronoun does not say which.
      if (recent(named) !== null && this.names.genderOf(named.name) === wanted && !this.names.sharesSurname(named.name)) return named.name;
    }
    return null;
  }

  /** A sentence that refers to the current person by he or she keeps them the referent. */
  private renewPerson(pronoun: string, at: number): void {
    if (!this.person || !this.fits(this.person.name, pronoun)) return;
    this.person.sentence = at;
    this.names.learnGender(this.person.name, genderOf(pronoun));
  }

  /** A sentence about one person whose pronouns are all of one gender ("X said his …") tells that person's gender. */
  private learnFromPronouns(tokens: readonly Token[], about: string): void {
    let male = false;
    let female = false;
    for (const token of tokens) {
      male ||= MALE_WORDS.has(token.lower);
      female ||= FEMALE_WORDS.has(token.lower);
    }
    if (male !== female) this.names.learnGender(about, male ? 'male' : 'female');
  }

  /** Reported speech without quote marks ("Hua said while she …") and named subjects, in the sentences before `offset`. */
  readSentencesBefore(offset: number): void {
    while (this.nextSentence < this.sentences.length && this.sentences[this.nextSentence]!.end <= offset) this.readSentence(this.nextSentence++);
  }

  private readSentence(at: number): void {
    const { names } = this;
    const sentence = this.sentences[at]!;
    const sentenceText = this.masked.slice(sentence.start, sentence.end);
    const tokens = tokenize(sentenceText, sentence.start);
    if (opensWithDocument(tokens)) this.documentAt = at;
    const people = new Set<string>();
    const quoted = this.quoteSpeakers.get(at);
    for (const match of verbsIn(sentenceText)) {
      const speaking = clauseSpeaker(sentenceText, sentence.start, match.index, match.index + match[0].length, tokens, this.knownWords);
      const mention = speaking?.mention;
      // "Reps. X of Oregon, and Y and Z are writing …": a he or she after it may be any of them.
      if (mention?.kind === 'name' && isCoordinated(tokens, mention.at)) this.person = null;
      else if (mention?.kind === 'name' && !names.inHeadline(mention.at)) {
        const name = names.resolve(mention.name, mention.at);
        // The sentence's quote was attributed by the cue rules, which read its attribution more closely
        // (`“…,” X, a Republican trying to unseat Y, a Democrat, in Z’s Third District, said`): another
        // name read here is someone named, not who spoke.
        if (quoted !== undefined && (quoted === name || quoted.endsWith(` ${name}`))) {
          people.add(quoted);
          continue;
        }
        this.note(name, at, sentence.paragraph, speaking!.direct && quoted === undefined);
        people.add(name);
      } else if (mention?.kind === 'pronoun' && isHeOrShe(mention.pronoun)) this.renewPerson(mention.pronoun, at);
    }
    if (people.size === 0) {
      const subject = sentenceSubject(tokens, this.knownWords);
      if (subject && isCoordinated(tokens, subject.at)) {
        this.person = null;
      } else if (subject && !names.inHeadline(subject.at) && (subject.name.includes(' ') || names.isPerson(subject.name))) {
        const name = names.resolve(subject.name, subject.at);
        this.note(name, at, sentence.paragraph, false);
        people.add(name);
      } else if (subject && !names.inHeadline(subject.at) && !isOrganisation(subject.name)) {
        // "Malia declined the offer": someone this article never named in full may be the next he or
        // she, so the person before is no longer a safe referent.
        this.person = null;
      } else {
        // "She …" or "After earning her degree, she …": the sentence is about the same person.
        const opener = tokens.find((token, index) => index > 0 && index <= INTRODUCTION_REACH && token.gap.includes(','));
        const pronoun = tokens[0] && isHeOrShe(tokens[0].lower) ? tokens[0] : opener && isHeOrShe(opener.lower) ? opener : undefined;
        if (pronoun) this.renewPerson(pronoun.lower, at);
      }
    }
    const [only] = people;
    if (people.size === 1 && ISSUED_STATEMENT.test(sentenceText)) this.statementBy = { name: only!, sentence: at };
    // Pronouns say nothing of which of two people of one surname they are about.
    if (people.size === 1 && names.isPerson(only!) && !names.sharesSurname(only!)) this.learnFromPronouns(tokens, only!);
  }
}
