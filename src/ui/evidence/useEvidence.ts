/**
 * The evidence keys, anywhere a selection is: `y` copies it with its citation (OSC 52), `e` opens
 * it in the user's editor, `m` adds it to (or removes it from) the evidence list, `x` writes the
 * list as a Markdown report in the working folder. What happened shows in the status line.
 */
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { useCallback, useRef, useState } from 'react';
import { isWithin } from '../../core/citations.js';
import { evidenceReport, evidenceText, evidenceTitle, reportFileName, type Documents, type Evidence } from '../../core/evidence.js';
import { plural } from '../../core/presentation.js';
import type { Handlers } from '../keys/dispatch.js';
import { osc52 } from './clipboard.js';
import { openInEditor } from './editor.js';

export interface EvidenceHost {
  documents: Documents;
  /** The corpus folder (or file): a report is never written inside it. */
  corpusRoot: string;
  /** What the visible pane has selected, or null. */
  selection(): Evidence | null;
  /** Bytes for the terminal itself (the OSC 52 sequence), outside Ink's frame. */
  writeToTerminal?: (bytes: string) => void;
  /** Runs a program with the terminal handed over, and takes it back (the real terminal only). */
  runOutside?: (run: () => void) => void;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

export interface EvidenceKeys {
  handlers: Handlers;
  /** How many items are marked, for the status line. */
  marked: number;
  /** What the last evidence key did, until the next key. */
  notice: string | null;
  clearNotice: () => void;
}

function sameEvidence(a: Evidence, b: Evidence): boolean {
  if (a.kind === 'passage' && b.kind === 'passage') return a.passage.id === b.passage.id;
  if (a.kind === 'quote' && b.kind === 'quote') return a.quote.source === b.quote.source && a.quote.id === b.quote.id;
  if (a.kind === 'comparison' && b.kind === 'comparison') return a.comparison.claim === b.comparison.claim && a.comparison.story === b.comparison.story;
  return false;
}

/** `hostOf` is read when a key arrives: null while no corpus is loaded. */
export function useEvidence(hostOf: () => EvidenceHost | null): EvidenceKeys {
  const listRef = useRef<Evidence[]>([]);
  const [marked, setMarked] = useState(0);
  const [notice, setNotice] = useState<string | null>(null);

  const withSelection = (act: (item: Evidence, host: EvidenceHost, cwd: string) => string): boolean => {
    const host = hostOf();
    if (!host) return false;
    const item = host.selection();
    setNotice(item ? act(item, host, host.cwd ?? process.cwd()) : 'nothing selected here');
    return true;
  };

  const handlers: Handlers = {
    copy: () =>
      withSelection((item, host, cwd) => {
        if (!host.writeToTerminal) return 'copying needs a terminal';
        const copy = osc52(evidenceText(item, host.documents, cwd));
        host.writeToTerminal(copy.sequence);
        return `copied${copy.cut ? ' (cut to fit the terminal)' : ''}: ${evidenceTitle(item, host.documents)}`;
      }),
    'open-editor': () =>
      withSelection((item, host) => {
        if (!host.runOutside) return 'opening needs a terminal';
        const where = item.kind === 'passage' ? item.passage : item.kind === 'quote' ? item.quote : item.comparison.sources.find((version) => version.carried)?.passages[0];
        const document = where ? host.documents.get(where.source) : undefined;
        if (!where || !document) return 'no source to open';
        return openInEditor(document, where.line, host.env ?? process.env, host.runOutside);
      }),
    mark: () =>
      withSelection((item, host) => {
        const list = listRef.current;
        const at = list.findIndex((other) => sameEvidence(other, item));
        if (at >= 0) list.splice(at, 1);
        else list.push(item);
        setMarked(list.length);
        return `${at >= 0 ? 'unmarked' : 'marked'}: ${evidenceTitle(item, host.documents)} (${plural(list.length, 'item')} in the list)`;
      }),
    export: () => {
      const host = hostOf();
      if (!host) return false;
      const cwd = host.cwd ?? process.cwd();
      const list = listRef.current;
      if (list.length === 0) {
        setNotice('the evidence list is empty: m marks the selection');
        return true;
      }
      if (isWithin(host.corpusRoot, cwd)) {
        setNotice('not written: the working folder is inside the corpus, which crosscheck never writes into');
        return true;
      }
      const written = new Date();
      const name = reportFileName(written, (candidate) => existsSync(path.join(cwd, candidate)));
      try {
        writeFileSync(path.join(cwd, name), evidenceReport(list, host.documents, { corpus: host.corpusRoot, written, cwd }), { flag: 'wx', mode: 0o644 });
        setNotice(`wrote ${plural(list.length, 'item')} to ${name}`);
      } catch (error) {
        setNotice(`could not write ${name}: ${error instanceof Error ? error.message : String(error)}`);
      }
      return true;
    },
  };
  const clearNotice = useCallback(() => setNotice(null), []);
  return { handlers, marked, notice, clearNotice };
}
