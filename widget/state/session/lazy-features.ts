/**
 * The lazy boundary, in one place. The conversation features (conversation-features.ts) arrive in a
 * chunk of their own, on first use; when it loads they install themselves: their handlers go to the
 * router and their hooks to the lifecycle, and what they offer comes back as actions. While the chunk
 * is on its way the router holds server events, and calls that need the actions wait in the same
 * queue, so everything runs in the order it came once the chunk is here. Nothing else knows whether
 * it has loaded.
 */
import type { EventRouter } from '../live/router.js';

export interface LazyFeatures<A> {
  /** Imports and installs the chunk the first time; false if it cannot load. */
  load(): Promise<boolean>;
  /** Runs `run` with the actions now, or once they are installed (loading them), after what waits already. */
  use(run: (actions: A) => void): void;
  /** Like `use`, for calls that matter only once the chunk is here or on its way (nothing to act on before). */
  useIfLoading(run: (actions: A) => void): void;
  /**
   * Runs `then` with the actions, loading them first if need be; resolves with its result, or null if
   * the chunk cannot load. Once installed it starts synchronously, so it behaves as it always did.
   */
  run<T>(then: (actions: A) => Promise<T>): Promise<T | null>;
  /** `run` as a function of its own arguments. */
  via<Args extends unknown[]>(call: (actions: A, ...args: Args) => Promise<void>): (...args: Args) => Promise<void>;
}

/**
 * @param importModule the dynamic `import()` of the chunk
 * @param install installs the features from the module and returns their actions
 */
export function createLazyFeatures<M, A>(
  importModule: () => Promise<M>,
  install: (module: M) => A,
  router: Pick<EventRouter, 'hold' | 'later'>,
  log: (...args: unknown[]) => void,
): LazyFeatures<A> {
  let actions: A | null = null;
  let loading: Promise<A | null> | null = null;

  function loadActions(): Promise<A | null> {
    if (actions) return Promise.resolve(actions);
    if (loading) return loading;
    const release = router.hold();
    loading = importModule().then(
      (module) => {
        actions = install(module);
        // What waited runs in order, right as the features arrive: nothing can come in between.
        release();
        return actions;
      },
      (error: unknown) => {
        log('could not load the conversation features', error);
        loading = null;
        release();
        return null;
      },
    );
    return loading;
  }

  function use(run: (loaded: A) => void): void {
    if (actions) {
      run(actions);
      return;
    }
    void loadActions();
    router.later(() => {
      if (actions) run(actions);
    });
  }

  async function run<T>(then: (loaded: A) => Promise<T>): Promise<T | null> {
    const loaded = actions ?? (await loadActions());
    return loaded ? then(loaded) : null;
  }

  return {
    load: async () => (await loadActions()) !== null,
    use,
    useIfLoading(run) {
      if (actions || loading) use(run);
    },
    run,
    via:
      (call) =>
      async (...args) => {
        await run((loaded) => call(loaded, ...args));
      },
  };
}
