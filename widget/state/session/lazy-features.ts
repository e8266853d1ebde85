/**
 * The conversation features (conversation-features.ts) arrive in a chunk of their own, on first use.
 * This is the one place that knows whether they are here, on their way or failed to load, and that keeps
 * what waits for them (early calls, realtime events) in the order it came.
 */
export interface FeatureLoader<F> {
  /** The features if they have loaded, else null (no load is started). */
  current(): F | null;
  /** The features, importing them the first time; null if their chunk cannot load. */
  load(): Promise<F | null>;
  /** Runs `run` with the features now, or once they have loaded (loading them), after what waits already. */
  withFeatures(run: (loaded: F) => void): void;
  /** A call that needs the features: straight through once they are loaded, so it behaves as it always did. */
  viaFeatures<A extends unknown[]>(call: (loaded: F, ...args: A) => Promise<void>): (...args: A) => Promise<void>;
  /** Like `withFeatures` for calls that only matter once the features are loaded or loading. */
  ifFeatures(run: (loaded: F) => void): void;
  /** Runs `run` now, or, while the features are on their way, right after them and what waits already. */
  inOrder(run: () => void): void;
}

/**
 * @param importModule the dynamic `import()` of the chunk
 * @param create builds the features from the module
 * @param onLoaded runs once they exist, before anything that waited for them
 */
export function createFeatureLoader<M, F>(
  importModule: () => Promise<M>,
  create: (module: M) => F,
  onLoaded: (loaded: F) => void,
  log: (...args: unknown[]) => void,
): FeatureLoader<F> {
  let features: F | null = null;
  /** Set while the chunk is on its way (realtime events and early calls wait in `afterLoad`). */
  let featuresLoad: Promise<F | null> | null = null;
  const afterLoad: Array<() => void> = [];

  function load(): Promise<F | null> {
    if (features) return Promise.resolve(features);
    // What waited runs in order, right as the features arrive: nothing can come in between.
    const runWaiting = () => afterLoad.splice(0).forEach((run) => run());
    featuresLoad ??= importModule().then(
      (module) => {
        const loaded = create(module);
        features = loaded;
        onLoaded(loaded);
        runWaiting();
        return loaded;
      },
      (error: unknown) => {
        log('could not load the conversation features', error);
        featuresLoad = null;
        runWaiting();
        return null;
      },
    );
    return featuresLoad;
  }

  function withFeatures(run: (loaded: F) => void): void {
    if (features) return run(features);
    afterLoad.push(() => {
      if (features) run(features);
    });
    void load();
  }

  return {
    current: () => features,
    load,
    withFeatures,
    viaFeatures:
      (call) =>
      async (...args) => {
        const loaded = features ?? (await load());
        if (loaded) await call(loaded, ...args);
      },
    ifFeatures(run) {
      if (features || featuresLoad) withFeatures(run);
    },
    inOrder(run) {
      // The features are on their way: nothing may overtake what waits for them.
      if (!features && featuresLoad) afterLoad.push(run);
      else run();
    },
  };
}
