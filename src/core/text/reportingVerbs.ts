/**
 * Verbs that report speech. Attribution reads the full list; the sentence splitter and the quote
 * mark reader only need to recognise a short attribution ("…," he said) and use the commonest.
 */

/** The verbs most attributions use: enough to tell that a closing mark is followed by one. */
const COMMON_REPORTING_VERBS = ['said', 'says', 'added', 'adds', 'asked', 'told', 'continued', 'explained', 'noted', 'wrote'];

/** Words after a closing quote that keep it in one sentence with its attribution ("…?" Hua said). */
export const SENTENCE_ATTRIBUTION_WORDS: readonly string[] = [
  ...COMMON_REPORTING_VERBS, 'say', 'asks', 'tells', 'continues', 'writes', 'stressed', 'insisted', 'argued', 'replied', 'according',
];

/** Words after a wrongly spaced straight mark that make it a closer (`, "he said.`). */
export const CLOSER_ATTRIBUTION_WORDS: readonly string[] = [...COMMON_REPORTING_VERBS, 'explains', 'according'];

/** Every speech verb attribution reads, as the verb, a participle or a phrase ("chimed in"). */
export const REPORTING_VERBS: readonly string[] = `said says say told tells added adds continued continues asked asks
  stated states explained explains noted notes wrote writes tweeted tweets claimed claims argued argues insisted insists
  stressed stresses warned warns declared commented reiterated maintained announced replied responded saying labelled
  labeled labels called calls described dubbed urged acknowledged admitted recalled observed remarked suggested conceded
  cautioned vowed promised pledged testified posted posts countered complained concluded writing adding implored
  interjected gushed fumed shouted exclaimed blurted chimed_in quipped emailed e-mailed advised agreed joked posited
  predicted boasted lamented mused wondered demanded retorted snapped yelled screamed whispered pleaded begged assured
  contended scoffed sighed texted messaged recounted confided chided insisting warning asking noting declaring explaining
  accused cited thundered roared bellowed cried muttered murmured mumbled stammered grumbled growled hissed sneered raged
  railed exulted crowed marveled marvelled scolded reassured`
  .split(/\s+/)
  .map((verb) => verb.replace('_', ' '));

/** Verbs by which a body makes a fact known: a claim's speaker ("The Post reported"), a day of a report ("confirmed Tuesday"). */
export const DISCLOSING_VERBS: readonly string[] = ['reported', 'confirmed', 'revealed', 'disclosed'];

/** A regular expression alternation of words (none holds a character special to regular expressions). */
export function alternation(words: readonly string[]): string {
  return words.join('|');
}
