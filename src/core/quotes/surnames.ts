/** Surnames of full names: generational suffixes, and whether two names are one person. */

/** Generational suffixes after a surname: "Jesse Jackson Jr.". */
export const GENERATIONS = new Set(['Jr', 'Sr', 'II', 'III', 'IV']);

/** A full name's surname: its last word before a generational suffix. */
export function surnameOf(name: string): string {
  const words = name.split(' ');
  const last = words.length - 1;
  return last > 1 && GENERATIONS.has(words[last]!.replace(/\.$/, '')) ? words[last - 1]! : words[last]!;
}

export function lastWord(name: string): string {
  return name.slice(name.lastIndexOf(' ') + 1);
}

/**
 * One person however much of the name is given ("Paul D. Ryan" and "Paul Ryan", "PETER Capaldi"
 * and "Peter Capaldi", a word run in front: "Notorious Bettie Page"), but not a father and a son
 * ("Jesse Jackson", "Jesse Jackson Jr.").
 */
export function samePerson(one: string, other: string): boolean {
  const wordsOf = (name: string): string[] => name.toLowerCase().replace(/\./g, '').split(' ');
  const [a, b] = [wordsOf(one), wordsOf(other)];
  const suffix = (words: string[]): string => (words.length > 2 && GENERATIONS.has(words[words.length - 1]!.replace(/^./, (c) => c.toUpperCase())) ? words[words.length - 1]! : '');
  if (suffix(a).toLowerCase() !== suffix(b).toLowerCase()) return false;
  const [shorter, longer] = a.length <= b.length ? [a, b] : [b, a];
  return shorter.every((word) => longer.includes(word));
}
