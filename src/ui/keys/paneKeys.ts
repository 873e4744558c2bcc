/**
 * What every pane's keys have in common: a text field whose Enter goes to the list and whose Esc
 * clears it (then leaves), and the controls the App reads (where, the focused field and layers,
 * Tab between areas, a paste into the pane's field). Each pane adds only its own actions.
 */
import type { LineEditor } from '../hooks/useLineEditor.js';
import type { PaneControls } from '../navigation.js';
import type { Handlers, KeyLayer } from './dispatch.js';
import type { Scope } from './keymap.js';

/** A filter or query field: Enter goes to the list, Esc clears it and, when empty, goes there too. */
export function filterFieldLayer(scope: Scope, editor: LineEditor, toList: () => void): KeyLayer {
  return {
    scope,
    handlers: {
      submit: () => toList(),
      'leave-field': () => (editor.current() !== '' ? editor.set('') : toList()),
    },
  };
}

export interface AreaKeys<Area extends string> {
  /** The pane's name in the status line. */
  name: string;
  areaRef: { readonly current: Area };
  setArea(area: Area): void;
  /** Tab / Shift-Tab cycle through these (an area left out is reached only by its own key). */
  cycle: readonly Area[];
  layers: Record<Area, KeyLayer[]>;
  /** The text field of each area that has one, with what its movement keys move. */
  fields: Partial<Record<Area, { editor: LineEditor; moves: Handlers }>>;
  /** Where a paste goes. */
  pasteArea: Area;
  separator: string;
}

/** The controls of the focused area, read when a key arrives (a key of the same burst may have moved it). */
export function areaControls<Area extends string>(keys: AreaKeys<Area>): Pick<PaneControls, 'where' | 'field' | 'layers' | 'cycleArea' | 'paste'> {
  const area = keys.areaRef.current;
  const field = keys.fields[area];
  return {
    where: `${keys.name} ${keys.separator} ${area}`,
    field: field ? { editor: field.editor, handlers: { ...field.editor.handlers, ...field.moves } } : null,
    layers: keys.layers[area],
    cycleArea: (step) => {
      const at = Math.max(0, keys.cycle.indexOf(keys.areaRef.current));
      keys.setArea(keys.cycle[(at + step + keys.cycle.length) % keys.cycle.length]!);
    },
    paste: (text) => {
      keys.setArea(keys.pasteArea);
      keys.fields[keys.pasteArea]?.editor.insert(text);
    },
  };
}

/**
 * Esc back to exactly here (PaneControls.capture): the text of the pane's field and its area, and
 * what else the pane keeps (`keep` reads it now, `restore` puts it back); `settle` runs once that is
 * drawn, for what needs the restored content first (a scroll offset, a selection within it).
 */
export function keepPlace<Area extends string, Kept>(
  field: LineEditor,
  area: () => Area,
  setArea: (area: Area) => void,
  keep: () => Kept,
  restore: (kept: Kept) => void,
  settle?: (kept: Kept) => void,
): () => () => void {
  return () => {
    const place = { text: field.current(), area: area(), kept: keep() };
    return () => {
      field.set(place.text);
      restore(place.kept);
      setArea(place.area);
      if (settle) queueMicrotask(() => settle(place.kept));
    };
  };
}

/** An area that moves through something (a list, a view): its own layer, the moves, then the pane's layer. */
export function movingArea(scope: Scope, handlers: Handlers, moves: Handlers, pane: KeyLayer): KeyLayer[] {
  return [{ scope, handlers }, { scope: 'move', handlers: moves }, pane];
}

/** A handler acting on the current item, declining (so the key goes on) when there is none. */
export function onItem<Item>(current: () => Item | undefined, act: (item: Item) => boolean | void): () => boolean {
  return () => {
    const item = current();
    return item === undefined ? false : act(item) !== false;
  };
}
