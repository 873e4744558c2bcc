/**
 * Loading a corpus from JSON Lines against loading the same articles as files (the shared corpora
 * ship both): the target is at most 1.5x the files' time. Runs alternate, medians reported.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { loadCorpus } from '../../src/core/load.js';
import { median, ms, table, timed } from './stats.js';

export interface FormatReport {
  name: string;
  jsonl: string;
  files: string;
  jsonlMs: number;
  filesMs: number;
  ratio: number;
  jsonlDocuments: number;
  fileDocuments: number;
}

const PAIRS = [
  { name: 'BASIL', jsonl: ['basil', 'articles.jsonl'], files: ['basil', 'texts'] },
  { name: 'Reuters-21578', jsonl: ['reuters21578', 'articles.jsonl'], files: ['reuters21578', 'texts'] },
];

export async function benchFormats(corpora: string, runs: number): Promise<FormatReport[]> {
  const reports: FormatReport[] = [];
  for (const pair of PAIRS) {
    const jsonl = path.join(corpora, ...pair.jsonl);
    const files = path.join(corpora, ...pair.files);
    if (!existsSync(jsonl) || !existsSync(files)) {
      console.log(`note: ${pair.name} format comparison skipped: ${jsonl} or ${files} is missing`);
      continue;
    }
    const jsonlTimes: number[] = [];
    const fileTimes: number[] = [];
    let jsonlDocuments = 0;
    let fileDocuments = 0;
    for (let run = 0; run < runs; run++) {
      const fromJsonl = await timed(() => loadCorpus(jsonl));
      jsonlTimes.push(fromJsonl.ms);
      jsonlDocuments = fromJsonl.value.documents.length;
      const fromFiles = await timed(() => loadCorpus(files));
      fileTimes.push(fromFiles.ms);
      fileDocuments = fromFiles.value.documents.length;
    }
    const jsonlMs = median(jsonlTimes);
    const filesMs = median(fileTimes);
    reports.push({ name: pair.name, jsonl, files, jsonlMs, filesMs, ratio: jsonlMs / filesMs, jsonlDocuments, fileDocuments });
  }
  return reports;
}

export function printFormats(reports: readonly FormatReport[]): void {
  if (reports.length === 0) return;
  console.log('\nLoading (read, decode, split; no index, no cache): JSON Lines against the same articles as files');
  console.log(
    table(
      ['corpus', 'articles.jsonl', 'texts/ files', 'ratio', 'target'],
      reports.map((report) => [
        `${report.name} (${report.jsonlDocuments} / ${report.fileDocuments} articles)`,
        ms(report.jsonlMs),
        ms(report.filesMs),
        `${report.ratio.toFixed(2)}x`,
        report.ratio <= 1.5 ? '<= 1.5x: met' : '<= 1.5x: NOT met',
      ]),
    ),
  );
}
