/**
 * One dispatcher for every key: the focused text field takes printable keys first, then the
 * bindings of the focused area, then the pane's, then those that work anywhere. A binding applies
 * when its condition holds and some layer (or the App) has a handler for its action that does not
 * decline (returns false).
 */
import { BINDINGS, type Action, type Binding, type Condition, type Scope } from './keymap.js';
import { isPrintable } from './read.js';

/** Performs an action; returning false declines it, so a later binding of the same key may apply. */
export type Handler = (key: string, conditions: Record<Condition, boolean>) => boolean | void;
export type Handlers = Partial<Record<Action, Handler>>;

export interface KeyLayer {
  scope: Scope;
  handlers: Handlers;
}

export interface TextField {
  /** The latest text, for handlers running before the next render. */
  current(): string;
  insert(text: string): void;
}

export interface KeyTarget {
  /** The focused text field, if any: it takes printable keys before any binding. */
  field: { editor: TextField; handlers: Handlers } | null;
  /** Top first: the area's scope(s), then the pane's. The App adds 'global'. */
  layers: KeyLayer[];
  conditions: Record<Condition, boolean>;
}

const BY_SCOPE = new Map<Scope, Binding[]>();
for (const binding of BINDINGS) {
  const list = BY_SCOPE.get(binding.scope) ?? [];
  list.push(binding);
  BY_SCOPE.set(binding.scope, list);
}

/** The layers a key passes through, top first. */
export function layersOf(target: KeyTarget, global: Handlers): KeyLayer[] {
  const layers: KeyLayer[] = [];
  if (target.field) layers.push({ scope: 'field', handlers: target.field.handlers });
  layers.push(...target.layers, { scope: 'global', handlers: global });
  return layers;
}

/** The bindings that would act on some key now, each with the handler that performs it. */
export function activeBindings(target: KeyTarget, global: Handlers): Array<{ binding: Binding; handler: Handler }> {
  const active: Array<{ binding: Binding; handler: Handler }> = [];
  for (const layer of layersOf(target, global)) {
    for (const binding of BY_SCOPE.get(layer.scope) ?? []) {
      if (binding.when && !target.conditions[binding.when]) continue;
      const handler = layer.handlers[binding.action] ?? global[binding.action];
      if (handler) active.push({ binding, handler });
    }
  }
  return active;
}

/** Routes one key; returns the binding that took it, 'typed' when the field took it, or null. */
export function dispatchKey(name: string, target: KeyTarget, global: Handlers): Binding | 'typed' | null {
  const active = activeBindings(target, global);
  // A field's own bindings with a condition (? on an empty field) come before typing.
  for (const { binding, handler } of active) {
    if (binding.scope === 'field' && binding.when && binding.keys.includes(name) && handler(name, target.conditions) !== false) return binding;
  }
  if (target.field && isPrintable(name)) {
    target.field.editor.insert(name);
    return 'typed';
  }
  for (const { binding, handler } of active) {
    if (binding.keys.includes(name) && handler(name, target.conditions) !== false) return binding;
  }
  return null;
}

/**
 * The status line's hints for the focused area: its own first, then the pane's, then anywhere.
 * A hint is shown only when its first key reaches its binding (not typed into a field, not taken
 * by a binding before it). Help is left out: the status line always ends with it.
 */
export function hintsOf(target: KeyTarget, global: Handlers): string[] {
  const taken = new Set<string>();
  const hints: string[] = [];
  for (const { binding } of activeBindings(target, global)) {
    const key = binding.keys[0]!;
    const reaches = !taken.has(key) && !(target.field && isPrintable(key) && !(binding.scope === 'field' && binding.when));
    for (const name of binding.keys) taken.add(name);
    if (binding.hint && reaches && binding.action !== 'help' && !hints.includes(binding.hint)) hints.push(binding.hint);
  }
  return hints;
}

/** The help hint: ? where it opens the help, F1 where ? would be typed. */
export function helpHint(target: KeyTarget): string {
  return target.field && !target.conditions['field-empty'] ? 'F1 help' : '? help';
}
