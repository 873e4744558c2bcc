/** The workbench rendered by ink-testing-library, at a fixed size, as the component tests drive it. */
import { render } from 'ink-testing-library';
import { App, type AppProps } from '../../src/ui/App.js';
import type { Workspace } from '../../src/ui/hooks/useWorkspace.js';
import { ThemeContext, themeFor } from '../../src/ui/theme.js';

export interface WorkbenchOptions {
  columns?: number;
  rows?: number;
  /** The environment the theme reads (LANG, NO_COLOR, TERM). */
  env?: NodeJS.ProcessEnv;
  inspect?: AppProps['inspect'];
  /** The evidence keys' outlets: the terminal's clipboard bytes, the editor, its environment, the report's folder. */
  evidence?: Pick<AppProps, 'writeToTerminal' | 'runOutside' | 'env' | 'cwd'>;
}

export type Workbench = ReturnType<typeof render> & {
  /** The terminal resized: the same App drawn at another size. */
  resize: (columns: number, rows: number) => void;
};

/** The workbench on an already loaded workspace. */
export function renderWorkbench(workspace: Workspace, { columns = 80, rows = 24, env = { LANG: 'en_US.UTF-8' }, inspect, evidence }: WorkbenchOptions = {}): Workbench {
  const at = (size: { columns: number; rows: number }) => (
    <ThemeContext.Provider value={themeFor(env)}>
      <App workspace={workspace} size={size} {...(inspect ? { inspect } : {})} {...evidence} />
    </ThemeContext.Provider>
  );
  const rendered = render(at({ columns, rows }));
  return { ...rendered, resize: (newColumns, newRows) => rendered.rerender(at({ columns: newColumns, rows: newRows })) };
}

/** The workbench while it loads `workspace`, which it gets only once the test calls finishLoading. */
export function renderLoadingWorkbench(workspace: Workspace, { columns = 80, rows = 24, env = { LANG: 'en_US.UTF-8' } }: WorkbenchOptions = {}): { app: Workbench; finishLoading: () => void } {
  let finishLoading: () => void = () => undefined;
  const loading = new Promise<void>((resolve) => {
    finishLoading = resolve;
  });
  const load = async () => {
    await loading;
    return workspace;
  };
  const at = (size: { columns: number; rows: number }) => (
    <ThemeContext.Provider value={themeFor(env)}>
      <App corpusPath="corpus" load={load} size={size} />
    </ThemeContext.Provider>
  );
  const rendered = render(at({ columns, rows }));
  const app = { ...rendered, resize: (newColumns: number, newRows: number) => rendered.rerender(at({ columns: newColumns, rows: newRows })) };
  return { app, finishLoading };
}
